//! The one place a request leaves for the network: [`HttpRequest`] -> global `fetch` ->
//! [`HttpResponse`], with a timeout and cancellation through one `AbortController`.
//!
//! Written on `web-sys` directly rather than `gloo-net`: we need the global `fetch` (no `window`,
//! so it runs in Node, workers and Deno), the abort plumbing below and nothing else, and gloo-net's
//! request builder and `http` types would only add bytes around the same three calls.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, Headers, RequestInit, Response};

use crate::error::Error;
use crate::request::HttpRequest;
use crate::response::HttpResponse;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` of whatever runtime we are in.
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(url: &str, init: &RequestInit) -> Promise;

    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &Function, ms: u32) -> JsValue;

    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
}

/// How long to wait and who may cancel.
pub(crate) struct SendOptions {
    /// Milliseconds until the request is aborted with [`Error::Timeout`].
    pub timeout_ms: u32,
    /// The callers' signals: any of them aborts the request with [`Error::Aborted`].
    pub signals: Vec<AbortSignal>,
}

/// Clears the timer and the abort listeners when the request ends, however it ends (including
/// when the future is dropped).
struct Cleanup {
    timer: JsValue,
    signals: Vec<AbortSignal>,
    on_abort: Closure<dyn FnMut()>,
    _on_timeout: Closure<dyn FnMut()>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        for signal in &self.signals {
            // Removing a listener cannot fail for a live AbortSignal; nothing to do if it did.
            let _ = signal.remove_event_listener_with_callback("abort", self.on_abort.as_ref().unchecked_ref());
        }
    }
}

/// Sends `request` and reads the whole answer.
///
/// # Errors
/// [`Error::Aborted`], [`Error::Timeout`] or [`Error::Network`]; an HTTP error status is not an
/// error here (see [`crate::response`]).
pub(crate) async fn send(request: &HttpRequest, options: SendOptions) -> Result<HttpResponse, Error> {
    if options.signals.iter().any(AbortSignal::aborted) {
        return Err(Error::Aborted);
    }
    let controller = AbortController::new().map_err(|e| Error::Network(describe(&e)))?;
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        Closure::<dyn FnMut()>::new(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let on_abort = {
        let controller = controller.clone();
        Closure::<dyn FnMut()>::new(move || controller.abort())
    };
    for signal in &options.signals {
        signal
            .add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref())
            .map_err(|e| Error::Network(describe(&e)))?;
    }
    let cleanup = Cleanup {
        timer: set_timeout(on_timeout.as_ref().unchecked_ref(), options.timeout_ms),
        signals: options.signals,
        on_abort,
        _on_timeout: on_timeout,
    };

    let outcome = exchange(request, &controller.signal()).await;
    let aborted_by_caller = cleanup.signals.iter().any(AbortSignal::aborted);
    drop(cleanup);
    outcome.map_err(|cause| {
        if timed_out.get() {
            Error::Timeout {
                after_ms: options.timeout_ms,
            }
        } else if aborted_by_caller {
            Error::Aborted
        } else {
            Error::Network(format!(
                "could not reach {}: {}. In a browser this is also how a refused cross-origin (CORS) request looks: the ModelArts endpoints do not answer CORS preflights, so a web page reaches them through a proxy or an edge function",
                origin_of(&request.url),
                describe(&cause)
            ))
        }
    })
}

/// The fetch and the body read, both under `signal`.
async fn exchange(request: &HttpRequest, signal: &AbortSignal) -> Result<HttpResponse, JsValue> {
    let headers = Headers::new()?;
    for (name, value) in &request.headers {
        headers.append(name, value)?;
    }
    let init = RequestInit::new();
    init.set_method(request.method);
    init.set_headers(&headers);
    init.set_signal(Some(signal));
    if let Some(body) = &request.body {
        init.set_body(&JsValue::from_str(body));
    }
    let response: Response = JsFuture::from(global_fetch(&request.url, &init)).await?.dyn_into()?;
    let body = JsFuture::from(response.array_buffer()?).await?;
    Ok(HttpResponse {
        status: response.status(),
        request_id: response.headers().get("x-request-id")?,
        date: response.headers().get("date")?,
        body: Uint8Array::new(&body).to_vec(),
    })
}

/// The message of a thrown JS value, with its `cause` (Node puts `ECONNREFUSED` there).
fn describe(error: &JsValue) -> String {
    let message = |value: &JsValue| {
        Reflect::get(value, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .or_else(|| value.as_string())
    };
    let mut text = message(error).unwrap_or_else(|| "unknown error".to_owned());
    if let Some(cause) = Reflect::get(error, &"cause".into()).ok().filter(JsValue::is_object) {
        if let Some(cause) = message(&cause) {
            text.push_str(&format!(" ({cause})"));
        }
    }
    text
}

fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    url[after_scheme..].find('/').map_or(url, |i| &url[..after_scheme + i])
}
