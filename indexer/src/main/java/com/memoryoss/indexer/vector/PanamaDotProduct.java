package com.memoryoss.indexer.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD dot product with the Java Vector API. Only ever instantiated by {@link DotProduct} after it
 * has checked that {@code jdk.incubator.vector} is in the boot layer; never reference it directly.
 *
 * <p>Two independent FMA accumulators hide the FMA latency (as Lucene's own kernel does); the
 * tail that does not fill a vector register is summed in scalar code.
 */
final class PanamaDotProduct implements DotProduct.Kernel {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  @Override
  public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    int lanes = SPECIES.length();
    FloatVector acc0 = FloatVector.zero(SPECIES);
    FloatVector acc1 = FloatVector.zero(SPECIES);
    int i = 0;
    for (int upper = length - 2 * lanes; i <= upper; i += 2 * lanes) {
      acc0 =
          FloatVector.fromArray(SPECIES, a, aOffset + i)
              .fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc0);
      acc1 =
          FloatVector.fromArray(SPECIES, a, aOffset + i + lanes)
              .fma(FloatVector.fromArray(SPECIES, b, bOffset + i + lanes), acc1);
    }
    for (int upper = length - lanes; i <= upper; i += lanes) {
      acc0 =
          FloatVector.fromArray(SPECIES, a, aOffset + i)
              .fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc0);
    }
    float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    for (; i < length; i++) {
      sum += a[aOffset + i] * b[bOffset + i];
    }
    return sum;
  }
}
