import { describe, expect, it } from "vitest";
import { shown } from "./shown";

describe("shown", () => {
  it("writes out control characters and bidirectional marks as the CLI does", () => {
    expect(shown("\u001b[2J\u202egpj.exe")).toBe("\\u{1b}[2J\\u{202e}gpj.exe");
    expect(shown("a\tb\nc\u0000")).toBe("a\\tb\\nc\\u{0}");
    expect(shown("\u2066x\u2069 \u200f")).toBe("\\u{2066}x\\u{2069} \\u{200f}");
  });
  it("leaves ordinary text alone, Japanese and emoji included", () => {
    for (const s of ["営業部 (Sales)", "née — “quoted” \\ back", "👩‍💻 ZWJ"]) expect(shown(s)).toBe(s);
  });
});
