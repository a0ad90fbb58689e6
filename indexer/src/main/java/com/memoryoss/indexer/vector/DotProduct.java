package com.memoryoss.indexer.vector;

/**
 * Dot products of {@code float} vectors that live at offsets inside larger arrays (the slabs of
 * {@link VectorStore}). Lucene's {@code VectorUtil.dotProduct} only takes whole arrays, so the
 * contiguous storage needs its own kernel.
 *
 * <p>The SIMD kernel ({@link PanamaDotProduct}) is used when the JVM was started with {@code
 * --add-modules jdk.incubator.vector} (the launcher and surefire both pass it); otherwise a scalar
 * loop with four accumulators is used, which the JIT auto-vectorises poorly but still pipelines.
 * The choice is made once, at class initialisation, so the call site stays monomorphic and
 * inlinable. Stateless and thread-safe.
 */
final class DotProduct {

  /** One implementation of the kernel. */
  interface Kernel {
    float dot(float[] a, int aOffset, float[] b, int bOffset, int length);
  }

  private static final Kernel KERNEL = pick();

  private DotProduct() {}

  /** {@code sum(a[aOffset + i] * b[bOffset + i])} for {@code i < length}. */
  static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    return KERNEL.dot(a, aOffset, b, bOffset, length);
  }

  /** Name of the kernel in use, for the health view and the benchmark. */
  static String kernelName() {
    return KERNEL.getClass().getSimpleName();
  }

  private static Kernel pick() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return new Scalar();
    }
    try {
      // Loaded reflectively so that this class links even when the incubator module is absent.
      return (Kernel)
          Class.forName("com.memoryoss.indexer.vector.PanamaDotProduct")
              .getDeclaredConstructor()
              .newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      return new Scalar();
    }
  }

  /** Portable fallback. */
  static final class Scalar implements Kernel {
    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
      float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      int i = 0;
      for (int upper = length & ~3; i < upper; i += 4) {
        s0 += a[aOffset + i] * b[bOffset + i];
        s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
        s2 += a[aOffset + i + 2] * b[bOffset + i + 2];
        s3 += a[aOffset + i + 3] * b[bOffset + i + 3];
      }
      for (; i < length; i++) {
        s0 += a[aOffset + i] * b[bOffset + i];
      }
      return (s0 + s1) + (s2 + s3);
    }
  }
}
