//! `gongkai user`: staff accounts.

use std::io::BufRead;

use anyhow::{Context, anyhow};
use gongkai_core::org::{Role, password_problem};
use gongkai_store::agencies;
use gongkai_store::audit::Who;
use gongkai_store::users::{self, NewUser};
use rand::Rng;
use rand::seq::{IndexedRandom, SliceRandom};

use super::{connect, store_error, table};
use crate::config::Config;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Create a staff account; prints a generated password unless one is read from stdin
    Add(AddArgs),
    /// List staff accounts
    List,
    /// Set a new password (generated unless read from stdin); ends the account's sessions
    SetPassword(SetPasswordArgs),
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Login name: 3–32 ASCII letters, digits, . _ -
    #[arg(long)]
    pub username: String,
    /// The person's name as shown in the audit log
    #[arg(long)]
    pub name: String,
    /// admin: 系统管理员 · office: 政务公开办 · editor: 信息员 · reviewer: 审核人 ·
    /// officer: 依申请公开经办人 · head: 公开工作机构负责人
    #[arg(long, value_parser = ["admin", "office", "editor", "reviewer", "officer", "head"])]
    pub role: String,
    /// Agency code (or slug) of an editor, reviewer, officer or head
    #[arg(long, value_name = "CODE")]
    pub agency: Option<String>,
    /// Where deadline reminders go
    #[arg(long)]
    pub email: Option<String>,
    /// Read the password from the first line of standard input
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Debug, clap::Args)]
pub struct SetPasswordArgs {
    pub username: String,
    /// Read the password from the first line of standard input
    #[arg(long)]
    pub password_stdin: bool,
}

/// Letters and digits that cannot be confused when read aloud or copied from paper
/// (no 0/O/o, 1/l/I), and symbols that need no quoting in most shells' single quotes.
const LOWER: &[u8] = b"abcdefghijkmnpqrstuvwxyz";
const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS: &[u8] = b"23456789";
const SYMBOLS: &[u8] = b"!#%+-=?@^_~";
pub const GENERATED_PASSWORD_CHARS: usize = 16;

/// A random 16-character password with every character class, acceptable to the store's
/// password policy for `username`. Uses the thread-local CSPRNG, seeded from the OS.
pub fn generate_password(username: &str) -> String {
    let mut rng = rand::rng();
    let all: Vec<u8> = [LOWER, UPPER, DIGITS, SYMBOLS].concat();
    loop {
        let mut chars: Vec<u8> = [LOWER, UPPER, DIGITS, SYMBOLS]
            .iter()
            .map(|class| *class.choose(&mut rng).expect("non-empty class"))
            .collect();
        while chars.len() < GENERATED_PASSWORD_CHARS {
            chars.push(all[rng.random_range(0..all.len())]);
        }
        chars.shuffle(&mut rng);
        let password = String::from_utf8(chars).expect("ASCII");
        if password_problem(username, &password).is_none() {
            return password;
        }
    }
}

/// The first line of stdin, without its line ending (other white space is part of it).
fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("reading the password from standard input")?;
    let password = line.trim_end_matches(['\n', '\r']).to_string();
    if password.is_empty() {
        return Err(anyhow!("no password on standard input"));
    }
    Ok(password)
}

fn print_generated(username: &str, password: &str) {
    println!("password for {username}: {password}");
    println!("This password is shown only now and cannot be recovered; pass it on over a secure channel.");
}

pub async fn run(cmd: Command, config: &Config) -> anyhow::Result<()> {
    let db = connect(config).await?;
    let who = Who::system("cli");
    match cmd {
        Command::Add(a) => {
            let role = Role::from_code(&a.role).ok_or_else(|| anyhow!("unknown role {}", a.role))?;
            let agency = match &a.agency {
                Some(code) => Some(match agencies::by_code(&db, code).await? {
                    Some(agency) => agency,
                    None => agencies::by_slug(&db, code).await?.ok_or_else(|| anyhow!("no agency with code {code}"))?,
                }),
                None => None,
            };
            let (password, generated) = match a.password_stdin {
                true => (read_password()?, false),
                false => (generate_password(&a.username), true),
            };
            let new = NewUser {
                username: a.username.trim().to_string(),
                display_name: a.name,
                role,
                agency_id: agency.as_ref().map(|a| a.id),
                password,
                email: a.email.clone(),
            };
            let user = users::create(&db, &who, &new).await.map_err(store_error).context("creating the account")?;
            let at = agency.map(|a| format!(" at {}", a.short_name)).unwrap_or_default();
            println!("created {} {} ({}{at})", user.role.code(), user.username, user.display_name);
            if generated {
                print_generated(&user.username, &new.password);
            }
        }
        Command::List => {
            let all = users::list(&db).await?;
            let agencies = agencies::list(&db).await?;
            let rows: Vec<Vec<String>> = all
                .iter()
                .map(|u| {
                    let agency = u
                        .agency_id
                        .and_then(|id| agencies.iter().find(|a| a.id == id))
                        .map(|a| a.short_name.clone())
                        .unwrap_or_default();
                    let active = if u.active { "yes" } else { "no" };
                    vec![u.username.clone(), u.role.code().into(), agency, active.into(), u.display_name.clone()]
                })
                .collect();
            print!("{}", table(&["username", "role", "agency", "active", "name"], &rows));
            eprintln!("{} accounts", all.len());
        }
        Command::SetPassword(a) => {
            let user = users::by_username(&db, &a.username)
                .await?
                .ok_or_else(|| anyhow!("no account named {}", a.username))?;
            let (password, generated) = match a.password_stdin {
                true => (read_password()?, false),
                false => (generate_password(&user.username), true),
            };
            users::set_password(&db, &who, user.id, &password)
                .await
                .map_err(store_error)
                .context("setting the password")?;
            println!("password changed for {}; their sessions have ended", user.username);
            if generated {
                print_generated(&user.username, &password);
            }
        }
    }
    db.close().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passwords_are_strong_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        for _ in 0..200 {
            let p = generate_password("admin");
            assert_eq!(p.len(), GENERATED_PASSWORD_CHARS);
            assert!(p.bytes().any(|b| LOWER.contains(&b)), "{p}");
            assert!(p.bytes().any(|b| UPPER.contains(&b)), "{p}");
            assert!(p.bytes().any(|b| DIGITS.contains(&b)), "{p}");
            assert!(p.bytes().any(|b| SYMBOLS.contains(&b)), "{p}");
            assert!(!p.contains(['0', 'O', 'o', '1', 'l', 'I']), "{p}");
            assert_eq!(password_problem("admin", &p), None);
            assert!(seen.insert(p));
        }
    }
}
