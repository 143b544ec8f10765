//! A test client for the whole site: the real router over a real database (SQLite, or
//! PostgreSQL when `GONGKAI_TEST_POSTGRES_URL` is set), driven without a socket.

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use gongkai_core::doc::IndexNo;
use gongkai_core::org::Role;
use gongkai_store::blobs::FsBlobStore;
use gongkai_store::documents::{self, PublishOptions};
use gongkai_store::testing::{self, TestDb, TestStaff, test_db};
use gongkai_web::{AppState, WebConfig};
use tower::ServiceExt;

pub struct TestApp {
    pub t: TestDb,
    pub state: AppState,
    pub router: Router,
    pub agency: i64,
    pub editor: TestStaff,
    pub reviewer: TestStaff,
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> String {
        self.headers.get_all(name).iter().map(|v| v.to_str().unwrap_or("").to_string()).collect::<Vec<_>>().join("\n")
    }

    /// The session cookie this response sets, if any.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("gk_session=") && !c.starts_with("gk_session=;"))
            .map(|c| c.split(';').next().unwrap().to_string())
    }

    /// The value of the hidden csrf_token field on the page.
    pub fn csrf(&self) -> String {
        let marker = "name=\"csrf_token\" value=\"";
        let start = self.body.find(marker).expect("page has a csrf field") + marker.len();
        self.body[start..start + 64].to_string()
    }
}

/// A logged-in browser: its cookie and CSRF token.
#[derive(Clone)]
pub struct Browser {
    pub cookie: String,
    pub csrf: String,
}

impl TestApp {
    pub async fn new() -> TestApp {
        Self::with_config(|_| {}).await
    }

    pub async fn with_config(adjust: impl FnOnce(&mut WebConfig)) -> TestApp {
        let t = test_db().await;
        let mut config = WebConfig::new(t.data_dir().to_path_buf());
        adjust(&mut config);
        let a = testing::agency(&t.db, "001002003", "wzszfb", "温州市人民政府办公室").await;
        let editor = testing::staff(&t.db, "editor1", Role::Editor, Some(a.id)).await;
        let reviewer = testing::staff(&t.db, "reviewer1", Role::Reviewer, Some(a.id)).await;
        let state = gongkai_web::state(config, t.db.clone());
        let router = gongkai_web::router(state.clone());
        TestApp { t, state, router, agency: a.id, editor, reviewer }
    }

    pub async fn send(&self, req: Request<Body>) -> Resp {
        let res = self.router.clone().oneshot(req).await.expect("router answers");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap().to_vec();
        Resp { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes }
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(Request::get(path).body(Body::empty()).unwrap()).await
    }

    pub async fn get_as(&self, path: &str, b: &Browser) -> Resp {
        self.send(Request::get(path).header(header::COOKIE, &b.cookie).body(Body::empty()).unwrap()).await
    }

    pub async fn post_form(&self, path: &str, b: Option<&Browser>, fields: &[(&str, &str)]) -> Resp {
        let body = serde_urlencoded::to_string(fields).unwrap();
        let mut req = Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(b) = b {
            req = req.header(header::COOKIE, &b.cookie);
        }
        self.send(req.body(Body::from(body)).unwrap()).await
    }

    /// Posts a form as `b`, adding its CSRF token.
    pub async fn post(&self, path: &str, b: &Browser, fields: &[(&str, &str)]) -> Resp {
        let mut all = vec![("csrf_token", b.csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_form(path, Some(b), &all).await
    }

    /// Logs in through the login page, as a browser would.
    pub async fn login(&self, username: &str, password: &str) -> Browser {
        let page = self.get("/login").await;
        assert_eq!(page.status, StatusCode::OK);
        let anon = Browser { cookie: page.session_cookie().expect("login page sets a session"), csrf: page.csrf() };
        let res =
            self.post("/login", &anon, &[("username", username), ("password", password), ("next", "/admin")]).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "login failed: {}", res.body);
        let cookie = res.session_cookie().expect("login sets a new session");
        assert_ne!(cookie, anon.cookie, "the session is renewed on login");
        let admin =
            self.send(Request::get("/admin").header(header::COOKIE, &cookie).body(Body::empty()).unwrap()).await;
        assert_eq!(admin.status, StatusCode::OK);
        Browser { csrf: admin.csrf(), cookie }
    }

    pub async fn editor(&self) -> Browser {
        self.login("editor1", &self.editor.password.clone()).await
    }

    pub async fn reviewer(&self) -> Browser {
        self.login("reviewer1", &self.reviewer.password.clone()).await
    }

    /// Publishes a document directly through the store, for tests about reading.
    pub async fn published(&self, title: &str) -> (i64, IndexNo) {
        self.publish_fields(&testing::fields(title)).await
    }

    /// Publishes a document with these fields through the store.
    pub async fn publish_fields(&self, fields: &gongkai_core::doc::EditionFields) -> (i64, IndexNo) {
        let db = &self.t.db;
        let id =
            documents::create_draft(db, &self.editor.who(), &self.editor.actor(), self.agency, fields).await.unwrap();
        documents::submit(db, &self.editor.who(), &self.editor.actor(), id).await.unwrap();
        let blobs = FsBlobStore::new(self.t.data_dir());
        let template = gongkai_core::doc::IndexTemplate::default();
        let opts = PublishOptions { privacy_override: None, template: &template, blobs: &blobs };
        let n = documents::publish(db, &self.reviewer.who(), &self.reviewer.actor(), id, &opts).await.unwrap();
        (id, n)
    }

    /// Where a redirect points.
    pub fn location(res: &Resp) -> String {
        res.header("location")
    }
}

/// The id in a `/admin/docs/{id}?…` redirect.
pub fn doc_id_from(location: &str) -> i64 {
    location.trim_start_matches("/admin/docs/").split('?').next().unwrap().parse().unwrap()
}
