package io.literllm.examples;

/** What every example reads from the environment. */
final class ExampleEnv {
  private ExampleEnv() {}

  /** {@code LITERLLM_TEST_MODEL}, else {@code openai/gpt-4o}. */
  static String model() {
    String model = System.getenv("LITERLLM_TEST_MODEL");
    return model == null || model.isEmpty() ? "openai/gpt-4o" : model;
  }
}
