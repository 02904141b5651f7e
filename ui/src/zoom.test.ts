import { describe, expect, it } from "vitest";
import { MAX_ZOOM, fitZoom, stepZoom } from "./zoom";

describe("zoom", () => {
  it("steps up and down through the list and stops at the ends", () => {
    expect(stepZoom(1, 1)).toBe(1.1);
    expect(stepZoom(1, -1)).toBe(0.9);
    expect(stepZoom(0.95, 1)).toBe(1);
    expect(stepZoom(MAX_ZOOM, 1)).toBe(MAX_ZOOM);
    expect(stepZoom(0.25, -1)).toBe(0.25);
  });

  it("fits the whole diagram without enlarging it", () => {
    expect(fitZoom(2000, 1000, 1000, 1000)).toBe(0.5);
    expect(fitZoom(500, 500, 1000, 1000)).toBe(1);
    expect(fitZoom(4000, 4000, 1000, 1000, 0.66)).toBe(0.66);
    expect(fitZoom(0, 0, 100, 100)).toBe(1);
  });
});
