//! Touchpad pinch on Linux. WebKitGTK answers a pinch with its own gesture, which
//! magnifies the whole page (sidebar, buttons and all) and never reaches the page as
//! an event, so the diagram could not zoom with it. This takes the gesture back: the
//! handlers of WebKit's zoom gesture (kept on the view as "wk-view-zoom-gesture") are
//! removed, and a gesture of our own forwards each step of the pinch to the window as
//! an `orgpath-pinch` event, which zooms the diagram about the fingers as Ctrl + wheel
//! does. Other platforms already send a pinch to the page as Ctrl + wheel.

#[cfg(target_os = "linux")]
pub fn take_over(window: &tauri::WebviewWindow) {
    let target = window.clone();
    let _ = window.with_webview(move |webview| {
        use gtk::glib::object::ObjectType;
        use gtk::prelude::*;

        let view = webview.inner();
        // SAFETY: reads a pointer WebKitGTK 2.x stores on its view under this key (a
        // GtkGestureZoom it owns) and drops that gesture's signal handlers; if the key
        // is absent (another WebKit version) nothing happens.
        unsafe {
            let data = gtk::glib::gobject_ffi::g_object_get_data(
                view.as_ptr() as *mut gtk::glib::gobject_ffi::GObject,
                c"wk-view-zoom-gesture".as_ptr(),
            );
            if !data.is_null() {
                gtk::glib::gobject_ffi::g_signal_handlers_destroy(
                    data as *mut gtk::glib::gobject_ffi::GObject,
                );
            }
        }
        let gesture = gtk::GestureZoom::new(&view);
        gesture.set_propagation_phase(gtk::PropagationPhase::Capture);
        let send = move |phase: &str, g: &gtk::GestureZoom, scale: f64| {
            let (x, y) = g.bounding_box_center().unwrap_or((-1.0, -1.0));
            let _ = target.eval(format!(
                "window.dispatchEvent(new CustomEvent('orgpath-pinch', {{ detail: {{ phase: '{phase}', scale: {scale}, x: {x}, y: {y} }} }}))"
            ));
        };
        let (begin, change, end) = (send.clone(), send.clone(), send);
        gesture.connect_begin(move |g, _| begin("begin", g, 1.0));
        gesture.connect_scale_changed(move |g, scale| change("change", g, scale));
        gesture.connect_end(move |g, _| end("end", g, g.scale_delta()));
        // A GTK 3 gesture is not owned by its widget: keep it for the window's life.
        std::mem::forget(gesture);
    });
}
