// The window breaks Japanese where the drawing does: the same model file as the pinned
// npm package's, and the same phrases as the Rust wrapping on every Japanese text of the
// built-in dataset (generated/phrases.json, written by the Rust side).
import { jaModel } from "budoux";
import { describe, expect, it } from "vitest";
import model from "../../data/budoux/ja.json";
import drawn from "./generated/phrases.json";
import { breaks, phrases } from "./phrases";

describe("phrases", () => {
  it("reads the model the pinned budoux package ships", () => {
    expect(model).toEqual(jaModel);
  });

  it("cuts every Japanese text of the built-in dataset as the drawing does", () => {
    expect(drawn.length).toBeGreaterThan(200);
    const differ = drawn.filter((cut) => JSON.stringify(phrases(cut.join(""))) !== JSON.stringify(cut));
    expect(differ).toEqual([]);
  });

  it("keeps words whole, closing marks after and opening marks before", () => {
    expect(phrases("アジア太平洋地域のミーティング")).toEqual(["アジア太平洋地域の", "ミーティング"]);
    expect(phrases("ドキュメントで仕様を確認し、実際にリクエストを送って")).toEqual([
      "ドキュメントで",
      "仕様を",
      "確認し、",
      "実際に",
      "リクエストを",
      "送って",
    ]);
    for (const cut of [phrases("営業部（東日本）・営業企画課「グループ」。"), ...drawn]) {
      for (const p of cut.slice(1)) expect("、。）」ーッ・".includes(p[0]), `${cut.join("|")}`).toBe(false);
      for (const p of cut.slice(0, -1)) expect("（「".includes(p[p.length - 1]), `${cut.join("|")}`).toBe(false);
    }
  });

  it("breaks Latin text at its spaces only", () => {
    expect(phrases("Customer Service & Support")).toEqual(["Customer ", "Service ", "& ", "Support"]);
    expect(breaks("Supercalifragilistic")).toEqual([]);
    expect(phrases("")).toEqual([]);
  });
});
