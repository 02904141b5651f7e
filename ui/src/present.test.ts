import { describe, expect, it } from "vitest";
import { presentAction, typedStep } from "./present";
import { elapsed } from "./presenter";

describe("presentation keys", () => {
  it("maps a clicker's keys", () => {
    for (const k of ["ArrowRight", "PageDown", " "]) expect(presentAction(k)).toEqual({ kind: "next" });
    for (const k of ["ArrowLeft", "PageUp"]) expect(presentAction(k)).toEqual({ kind: "previous" });
    expect(presentAction("Home")).toEqual({ kind: "first" });
    expect(presentAction("End")).toEqual({ kind: "last" });
    expect(presentAction("b")).toEqual({ kind: "black" });
    expect(presentAction(".")).toEqual({ kind: "black" });
    expect(presentAction("W")).toEqual({ kind: "white" });
    expect(presentAction("Escape")).toEqual({ kind: "leave" });
    expect(presentAction("7")).toEqual({ kind: "digit", digit: 7 });
    expect(presentAction("x")).toBeNull();
  });
  it("reads a typed step number, 1-based and clamped", () => {
    expect(typedStep("3", 8)).toBe(2);
    expect(typedStep("12", 8)).toBe(7);
    expect(typedStep("0", 8)).toBeNull();
    expect(typedStep("", 8)).toBeNull();
  });
});

describe("presenter timer", () => {
  it("counts minutes and seconds, then hours", () => {
    expect(elapsed(0, 0)).toBe("00:00");
    expect(elapsed(0, 61_500)).toBe("01:01");
    expect(elapsed(0, 3_723_000)).toBe("1:02:03");
    expect(elapsed(10_000, 0)).toBe("00:00");
  });
});
