// The one place the UI talks to the Rust backend. Failures become BackendError with
// the `{code, message}` shape the backend pins (src-tauri/src/error.rs).
import { invoke } from "@tauri-apps/api/core";
import type { Details, ExportRequest, Meta, ViewPayload, ViewRequest } from "./generated/types";

export class BackendError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "BackendError";
  }
}

export function toBackendError(e: unknown): BackendError {
  if (e instanceof BackendError) return e;
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    return new BackendError(String(code), String(message));
  }
  return new BackendError("ipc", String(e));
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toBackendError(e);
  }
}

export interface Backend {
  meta(): Promise<Meta>;
  view(request: ViewRequest): Promise<ViewPayload>;
  details(id: string): Promise<Details>;
  /** Opens the save dialog (in the backend) and writes; null when cancelled. */
  exportView(request: ExportRequest): Promise<string | null>;
  copyPng(request: ExportRequest): Promise<void>;
}

export const tauriBackend: Backend = {
  meta: () => call<Meta>("get_meta"),
  view: (request) => call<ViewPayload>("get_view", { request }),
  details: (id) => call<Details>("get_details", { id }),
  exportView: (request) => call<string | null>("export_view", { request }),
  copyPng: (request) => call<void>("copy_png", { request }),
};
