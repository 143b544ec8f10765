//! The demo city's annual reports for last year: every agency drafts its report (part 一 from
//! the year's figures, parts 五 and 六, table 二's entered cells) and its head publishes it into
//! the 年报 column, so `/xxgk/nianbao` lists them and `gongkai report annual` finds them.

use anyhow::Context;
use gongkai_core::calendar::WorkCalendar;
use gongkai_core::doc::IndexTemplate;
use gongkai_core::doc::workflow::Actor;
use gongkai_core::org::Role;
use gongkai_core::report::table2::ManualCells;
use gongkai_core::report::{Level, Narrative};
use gongkai_store::annual::{self, PublishReport, ReportKey};
use gongkai_store::audit::Who;
use gongkai_store::blobs::BlobStore;
use gongkai_store::{Db, agencies};
use time::Date;

use crate::commands::store_error;

/// Writes and publishes last year's report of every agency; returns how many (each is a
/// published document).
pub async fn seed(db: &Db, who: &Who, blobs: &dyn BlobStore, cal: &WorkCalendar, today: Date) -> anyhow::Result<usize> {
    let year = today.year() - 1;
    let template = IndexTemplate::default();
    let mut published = 0;
    for (i, a) in agencies::list(db).await?.into_iter().enumerate() {
        let key = ReportKey { agency_id: a.id, level: Level::for_kind(a.kind), year };
        let facts = annual::facts(db, cal, key, false).await.map_err(store_error)?;
        let draft = facts.overview_draft();
        let overview = draft
            .replace(
                "【请补充：公开属性源头认定、保密审查、政策文件清理等情况】",
                "严格落实公文公开属性源头认定，发布前逐件进行保密审查和个人信息检查；开展行政规范性文件清理，对已废止、失效文件在原文页面作出标注。",
            )
            .replace(
                "【请补充：政府信息公开平台、政府网站和政务新媒体建设情况】",
                "依托政府信息公开平台集中发布主动公开信息，完善政策文件库、政策解读和政府公报栏目，支持按文号、主题和有效性检索。",
            )
            .replace(
                "【请补充：组织领导、培训、考核评议等情况】",
                "调整充实政务公开工作领导小组，组织业务培训，将政务公开工作纳入年度考核。",
            );
        let narrative = Narrative::parse(
            &overview,
            "一是部分政策解读形式较为单一，图解、音视频解读较少；二是个别信息发布不够及时。下一步将丰富解读形式，落实发布时限要求，加强督促检查。",
            "无其他需要报告的事项。",
        )
        .map_err(|e| anyhow::anyhow!("demo narrative: {e}"))?;
        let n = i as u64;
        let manual = ManualCells {
            licensing: Some(20 + n * 7 % 50),
            penalties: Some(n * 3 % 11),
            coercion: Some(n % 3),
            fees_fen: Some(n * 1_250_000 % 9_000_000),
        };
        let editor = Actor { user_id: 0, role: Role::Editor, agency_id: Some(a.id) };
        annual::save_draft(db, who, &editor, cal, key, &narrative, &manual).await.map_err(store_error)?;
        annual::submit(db, who, &editor, key).await.map_err(store_error)?;
        let head = Actor { user_id: 0, role: Role::OfficeHead, agency_id: Some(a.id) };
        let opts = PublishReport {
            explanation: None,
            include_districts: false,
            template: &template,
            blobs,
            today,
            calendar: cal,
            privacy_override: None,
        };
        annual::publish(db, who, &head, key, &opts)
            .await
            .map_err(store_error)
            .with_context(|| format!("publishing the demo annual report of {}", a.name))?;
        published += 1;
    }
    Ok(published)
}
