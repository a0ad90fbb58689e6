package com.memoryoss.protocol.api;

/** What a learn did: memories created (as candidates), reinforced or promoted, superseded. */
public record LearnResponse(int created, int reinforced, int superseded) {}
