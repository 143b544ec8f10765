//! `gongkai agency`: the agencies documents are published under.

use anyhow::{Context, bail};
use gongkai_core::org::{AgencyFields, AgencyInput};
use gongkai_store::agencies;
use gongkai_store::audit::Who;

use super::{connect, field_errors, store_error, table};
use crate::config::Config;

// Parsed once per run: the size of the variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Create an agency
    Add(AddArgs),
    /// List agencies in display order
    List,
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// 机构代码: 9-character organisation code or 18-character unified social credit code
    #[arg(long)]
    pub code: String,
    /// Full name (机构全称), e.g. 温州市人民政府办公室
    #[arg(long)]
    pub name: String,
    /// URL name on the public site (/xxgk/SLUG/) [default: a-CODE]
    #[arg(long)]
    pub slug: Option<String>,
    /// Short name (简称) [default: the full name]
    #[arg(long)]
    pub short_name: Option<String>,
    #[arg(long, value_parser = ["government", "department", "district", "township"])]
    pub kind: String,
    /// Code of the parent agency
    #[arg(long, value_name = "CODE")]
    pub parent: Option<String>,
    /// Name of the agency's disclosure office (for the 政府信息公开指南)
    #[arg(long)]
    pub office_name: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub office_hours: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub fax: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub postcode: Option<String>,
}

/// Slugs must be ASCII; the code is the one ASCII name every agency already has.
pub fn default_slug(code: &str) -> String {
    let code: String = code.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    format!("a-{}", code.to_ascii_lowercase())
}

pub async fn run(cmd: Command, config: &Config) -> anyhow::Result<()> {
    let db = connect(config).await?;
    match cmd {
        Command::Add(a) => {
            let input = AgencyInput {
                slug: a.slug.unwrap_or_else(|| default_slug(&a.code)),
                code: a.code,
                name: a.name,
                short_name: a.short_name.unwrap_or_default(),
                kind: a.kind,
                parent: a.parent.unwrap_or_default(),
                office_name: a.office_name.unwrap_or_default(),
                address: a.address.unwrap_or_default(),
                office_hours: a.office_hours.unwrap_or_default(),
                phone: a.phone.unwrap_or_default(),
                fax: a.fax.unwrap_or_default(),
                email: a.email.unwrap_or_default(),
                postcode: a.postcode.unwrap_or_default(),
            };
            let fields = match AgencyFields::parse(&input) {
                Ok(f) => f,
                Err(e) => bail!("invalid agency:{}", field_errors(&e)),
            };
            let agency = agencies::create(&db, &Who::system("cli"), &fields)
                .await
                .map_err(store_error)
                .context("creating the agency")?;
            println!("created agency {} {} (/xxgk/{}/)", agency.code, agency.name, agency.slug);
        }
        Command::List => {
            let all = agencies::list(&db).await?;
            let rows: Vec<Vec<String>> = all
                .iter()
                .map(|a| {
                    vec![
                        a.code.to_string(),
                        a.slug.clone(),
                        a.short_name.clone(),
                        a.kind.code().to_string(),
                        a.name.clone(),
                    ]
                })
                .collect();
            print!("{}", table(&["code", "slug", "short name", "kind", "name"], &rows));
            eprintln!("{} agencies", all.len());
        }
    }
    db.close().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn default_slugs_are_valid() {
        for code in ["001002003", "01427688-8", "91330300MA2AB3C4X9"] {
            let slug = super::default_slug(code);
            assert!(gongkai_core::org::valid_slug(&slug), "{slug}");
        }
        assert_eq!(super::default_slug("001002003"), "a-001002003");
    }
}
