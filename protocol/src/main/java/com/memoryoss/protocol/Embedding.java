package com.memoryoss.protocol;

import java.util.Arrays;

/**
 * A memory's sentence vector and the model that made it. Vectors of different models are never
 * compared: a namespace's vector index holds one model only.
 */
public record Embedding(String model, float[] vector) implements CborSerializable {

  @Override
  public boolean equals(Object o) {
    return o instanceof Embedding e && model.equals(e.model) && Arrays.equals(vector, e.vector);
  }

  @Override
  public int hashCode() {
    return 31 * model.hashCode() + Arrays.hashCode(vector);
  }

  @Override
  public String toString() {
    return "Embedding[" + model + ", " + vector.length + " dims]";
  }
}
