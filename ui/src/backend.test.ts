import { describe, expect, it } from "vitest";
import { BackendError, toBackendError } from "./backend";

describe("toBackendError", () => {
  it("keeps the backend's code and message", () => {
    const e = toBackendError({ code: "not-found", message: 'nothing has the id "x"' });
    expect(e).toBeInstanceOf(BackendError);
    expect(e.code).toBe("not-found");
    expect(e.message).toBe('nothing has the id "x"');
  });

  it("wraps anything else as an IPC failure", () => {
    const e = toBackendError("connection lost");
    expect(e.code).toBe("ipc");
    expect(e.message).toBe("connection lost");
  });
});
