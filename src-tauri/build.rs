fn main() {
    // Capabilities and the app's permission live under src-tauri/ (the design card
    // keeps the repository root to a fixed set of entries), so point tauri-build there.
    // Listing the app's commands in a permission file, rather than letting every
    // command through, means the window can call only what a capability grants.
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/*.json")
        .app_manifest(
            tauri_build::AppManifest::new()
                .permissions_path_pattern("./src-tauri/permissions/*.toml"),
        );
    // tauri-build watches its default folders, not these: without this, editing a
    // permission or capability leaves the old ACL compiled in ("… not allowed").
    for dir in ["src-tauri/capabilities", "src-tauri/permissions"] {
        println!("cargo:rerun-if-changed={dir}");
    }
    tauri_build::try_build(attributes)
        .expect("tauri-build failed: check tauri.conf.json and src-tauri/capabilities");
}
