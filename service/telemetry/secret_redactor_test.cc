#include "service/telemetry/secret_redactor.h"

#include "gtest/gtest.h"

namespace literllm {
namespace {

constexpr char kKey[] = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123";

TEST(SecretRedactorTest, RemovesExactKey) {
  SecretRedactor redactor({kKey});
  EXPECT_EQ(redactor.Redact(std::string("bad key ") + kKey + " given"),
            "bad key [REDACTED] given");
}

TEST(SecretRedactorTest, RemovesMaskedEchoOfKey) {
  SecretRedactor redactor({kKey});
  std::string out = redactor.Redact(
      "Incorrect API key provided: sk-proj-********************0123. You can "
      "find your API key at https://platform.openai.com/account/api-keys.");
  EXPECT_EQ(out.find("0123"), std::string::npos) << out;
  EXPECT_NE(out.find("Incorrect API key provided: [REDACTED]."),
            std::string::npos)
      << out;
}

TEST(SecretRedactorTest, RemovesTruncatedEchoOfKey) {
  SecretRedactor redactor({kKey});
  std::string out = redactor.Redact("key \"sk-proj-AbCdEfGh\" is invalid");
  EXPECT_EQ(out, "key \"[REDACTED]\" is invalid");
}

TEST(SecretRedactorTest, LeavesOrdinaryTextAlone) {
  SecretRedactor redactor({kKey});
  std::string text = "The model gpt-4o is overloaded (HTTP 503)";
  EXPECT_EQ(redactor.Redact(text), text);
  EXPECT_EQ(SecretRedactor({}).Redact(text), text);
}

}  // namespace
}  // namespace literllm
