package com.memoryoss.protocol;

/** The five trust signals, each in [0, 1]. */
public record TrustSignals(
    double recency,
    double sourceReputation,
    double embeddingCoherence,
    double accessFrequency,
    double outcomeLearning) {}
