// The one place the UI talks to the Rust backend. Failures become BackendError with
// the `{code, message}` shape the backend pins (src-tauri/src/error.rs).
import { invoke } from "@tauri-apps/api/core";
import type { OrgTree } from "./generated/types";

export class BackendError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "BackendError";
  }
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (e && typeof e === "object" && "code" in e && "message" in e) {
      const { code, message } = e as { code: unknown; message: unknown };
      throw new BackendError(String(code), String(message));
    }
    throw new BackendError("ipc", String(e));
  }
}

export interface Backend {
  orgTree(): Promise<OrgTree>;
}

export const tauriBackend: Backend = {
  orgTree: () => call<OrgTree>("get_org_tree"),
};
