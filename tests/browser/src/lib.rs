//! Shared helpers of the browser tests: a headless Chromium driven through chromedriver, the page
//! served on 127.0.0.1, screenshots into `artifacts/screenshots/`.
//!
//! A test writes `let browser = Browser::launch().await?;`, `let server = TestServer::start(..)`,
//! then drives `browser.client()` (fantoccini). [`page`] knows how to move around the simulator's
//! page (open, wait for a day, click by selector); checks on what a page shows belong in the tests
//! themselves.
//!
//! [`charge`] writes the big scenario the speed budget is measured on.
//!
//! A missing Chromium or an unbuilt page is an error that says which `cargo xtask` command fixes
//! it: these tests fail, they never skip.

mod browser;
pub mod charge;
pub mod page;
mod paths;
mod server;

pub use browser::Browser;
pub use paths::{built_page_dir, save_screenshot, workspace_root};
pub use server::TestServer;
