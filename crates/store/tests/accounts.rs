//! Accounts, login throttling and sessions, on both backends.

use gongkai_core::org::Role;
use gongkai_store::testing::{self, test_db};
use gongkai_store::users::{self, LoginOutcome, MAX_FAILURES_PER_USER, NewUser};
use gongkai_store::{StoreError, audit::Who, sessions};

#[tokio::test]
async fn login_checks_the_password_and_throttles_guessing() {
    let t = test_db().await;
    let a = testing::agency(&t.db, "001002003", "wzszfb", "温州市人民政府办公室").await;
    let s = testing::staff(&t.db, "editor1", Role::Editor, Some(a.id)).await;
    assert!(
        matches!(users::login(&t.db, "editor1", &s.password, "10.0.0.1").await.unwrap(), LoginOutcome::Ok(u) if u.id == s.user.id)
    );
    assert_eq!(users::login(&t.db, "nobody", "whatever", "10.0.0.1").await.unwrap(), LoginOutcome::Failed);
    for _ in 0..MAX_FAILURES_PER_USER {
        assert_eq!(users::login(&t.db, "editor1", "wrong-password", "10.0.0.2").await.unwrap(), LoginOutcome::Failed);
    }
    // Even the right password is refused while the account is throttled.
    assert_eq!(users::login(&t.db, "editor1", &s.password, "10.0.0.3").await.unwrap(), LoginOutcome::Throttled);
}

#[tokio::test]
async fn accounts_are_validated_and_unique() {
    let t = test_db().await;
    let a = testing::agency(&t.db, "001002003", "wzszfb", "温州市人民政府办公室").await;
    users::use_cheap_hashes_for_tests();
    let who = Who::system("test");
    let bad = NewUser {
        username: "a b".into(),
        display_name: "".into(),
        role: Role::Editor,
        agency_id: None,
        password: "short".into(),
        email: None,
    };
    let Err(StoreError::Invalid(e)) = users::create(&t.db, &who, &bad).await else { panic!("must be invalid") };
    for field in ["username", "display_name", "agency", "password"] {
        assert!(e.get(field).is_some(), "{field}");
    }
    let ok = NewUser {
        username: "editor1".into(),
        display_name: "张三".into(),
        role: Role::Editor,
        agency_id: Some(a.id),
        password: "correct horse 9".into(),
        email: None,
    };
    users::create(&t.db, &who, &ok).await.unwrap();
    let e = users::create(&t.db, &who, &ok).await.unwrap_err();
    assert!(matches!(e, StoreError::Conflict(m) if m.contains("editor1")));
    // A city-wide role does not belong to an agency.
    let office = NewUser { username: "office".into(), role: Role::DisclosureOffice, ..ok };
    assert!(users::create(&t.db, &who, &office).await.is_err());
}

#[tokio::test]
async fn sessions_end_when_the_password_changes_or_the_account_is_disabled() {
    let t = test_db().await;
    let s = testing::staff(&t.db, "admin1", Role::SystemAdmin, None).await;
    let (token, session) = sessions::create(&t.db, Some(s.user.id)).await.unwrap();
    assert_eq!(session.csrf_token.len(), 64);
    let loaded = sessions::load(&t.db, &token).await.unwrap().unwrap();
    assert_eq!(loaded.user.unwrap().id, s.user.id);
    assert!(sessions::load(&t.db, "not-a-token").await.unwrap().is_none());

    users::set_password(&t.db, &Who::system("test"), s.user.id, "another Pass 42").await.unwrap();
    assert!(sessions::load(&t.db, &token).await.unwrap().is_none());

    let (token, _) = sessions::create(&t.db, Some(s.user.id)).await.unwrap();
    users::set_active(&t.db, &Who::system("test"), s.user.id, false).await.unwrap();
    assert!(sessions::load(&t.db, &token).await.unwrap().is_none());
    assert_eq!(users::login(&t.db, "admin1", "another Pass 42", "x").await.unwrap(), LoginOutcome::Failed);
}
