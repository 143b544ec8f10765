//! Documents (政府信息) and their metadata: 索引号, 文号, 主题分类, 公文种类, 公开属性, 有效性,
//! the columns they are listed in, their body, and the editorial workflow of their editions.

pub mod attachment;
mod body;
pub mod citation;
mod column;
mod disclosure;
mod doc_no;
mod fields;
mod genre;
mod index_no;
pub mod interpretation;
pub mod timeliness;
mod topic;
pub mod validity;
pub mod workflow;

pub use body::SafeHtml;
pub use column::{PolicyKind, SiteColumn, StatutoryItem};
pub use disclosure::{Disclosure, DisclosureError, DisclosureKind, WithholdingGround};
pub use doc_no::{DocNo, DocNoError, DocNoForm};
pub use fields::{EditionFields, EditionInput, FieldErrors, Title};
pub use genre::Genre;
pub use index_no::{DEFAULT_INDEX_TEMPLATE, IndexNo, IndexNoError, IndexTemplate, TemplateError};
pub use interpretation::{Interpretation, InterpretationForm, PolicyRef};
pub use topic::{Topic, TopicError, TopicGroup, vocabulary};
pub use validity::{DueChange, REMIND_MONTHS_BEFORE_EXPIRY, Validity, ValidityError, ValidityPeriods, ValidityStatus};

/// Declares a closed set of values that is stored by a stable ASCII code and shown by its
/// Chinese label, with `ALL`, `code()`, `label()`, `from_code()` and serde by code.
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($code:literal, $label:literal), )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant, )+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[ $($name::$variant),+ ];

            /// The stable code stored in the database and used in URLs and exports.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The Chinese label shown to people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}
pub(crate) use code_enum;
