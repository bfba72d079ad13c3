package io.literllm.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The gateway under test: LITERLLM_TARGET / LITERLLM_TEST_MODEL (set by with_gateway.sh). */
public final class Gateway {
  private Gateway() {}

  public static String target() {
    String target = System.getenv("LITERLLM_TARGET");
    assumeTrue(target != null && !target.isEmpty(), "LITERLLM_TARGET is not set: no gateway to test against");
    return target;
  }

  public static String model() {
    String model = System.getenv("LITERLLM_TEST_MODEL");
    return model == null || model.isEmpty() ? "openai/gpt-4o" : model;
  }
}
