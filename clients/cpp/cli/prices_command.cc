#include "clients/cpp/cli/prices_command.h"

#include <cstdio>
#include <optional>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clients/cpp/cli/output.h"
#include "providers/pricing/price_table.h"

namespace literllm {
namespace {

// Columns 1-4 are prices, aligned right; the others align left.
constexpr bool kRightAligned[] = {false, true, true, true, true, false, false};

std::string OptionalPrice(const std::optional<double>& price) {
  return price.has_value() ? FormatUsd(*price) : "-";
}

std::vector<std::string> TextRowFor(const ModelPrice& price) {
  return {absl::StrCat(price.provider, "/", price.model),
          FormatUsd(price.input),
          OptionalPrice(price.cached_input),
          OptionalPrice(price.cache_write),
          FormatUsd(price.output),
          price.as_of,
          price.source};
}

void PrintPrices(const std::vector<const ModelPrice*>& prices) {
  std::vector<std::vector<std::string>> rows = {{"PROVIDER/MODEL", "INPUT",
                                                 "CACHED INPUT", "CACHE WRITE",
                                                 "OUTPUT", "AS OF", "SOURCE"}};
  for (const ModelPrice* price : prices) rows.push_back(TextRowFor(*price));
  PrintTable(rows, kRightAligned);
}

void AppendJsonString(absl::string_view text, std::string& out) {
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      absl::StrAppend(&out, absl::StrFormat("\\u%04x", static_cast<int>(c)));
    } else {
      out += c;
    }
  }
  out += '"';
}

bool Matches(const ModelPrice& price, absl::string_view lower_filter) {
  return absl::StrContains(
      absl::AsciiStrToLower(absl::StrCat(price.provider, "/", price.model)),
      lower_filter);
}

}  // namespace

std::string PriceJson(const ModelPrice& price) {
  std::string json = "{\"provider\":";
  AppendJsonString(price.provider, json);
  json += ",\"model\":";
  AppendJsonString(price.model, json);
  absl::StrAppend(&json, ",\"input\":", price.input);
  if (price.cached_input) {
    absl::StrAppend(&json, ",\"cached_input\":", *price.cached_input);
  }
  if (price.cache_write) {
    absl::StrAppend(&json, ",\"cache_write\":", *price.cache_write);
  }
  absl::StrAppend(&json, ",\"output\":", price.output, ",\"as_of\":");
  AppendJsonString(price.as_of, json);
  json += ",\"source\":";
  AppendJsonString(price.source, json);
  json += '}';
  return json;
}

int RunPrices(const CliOptions& cli) {
  const PriceTable table = PriceTable::Embedded();
  const std::string filter = absl::AsciiStrToLower(cli.price_filter);
  std::vector<const ModelPrice*> selected;
  for (const ModelPrice& price : table.rows()) {
    if (Matches(price, filter)) selected.push_back(&price);
  }
  if (selected.empty()) {
    absl::FPrintF(stderr, "error: no price matches '%s'\n", cli.price_filter);
    return kExitNoPrice;
  }
  if (!cli.json) {
    PrintPrices(selected);
    return kExitOk;
  }
  std::string lines;
  for (const ModelPrice* price : selected) {
    absl::StrAppend(&lines, PriceJson(*price), "\n");
  }
  PrintRaw(lines);
  return kExitOk;
}

}  // namespace literllm
