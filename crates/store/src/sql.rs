//! Filters assembled from only the conditions a request uses.
//!
//! `($1 IS NULL OR agency_id = $1)` reads well but hides the condition from the query planner:
//! SQLite plans a statement once, without the bound values, and then cannot use the
//! `agency_id` index, so one agency's queue scans a city's cases. A [`Filter`] writes only the
//! conditions that apply, numbering placeholders as it goes, and [`bind_args!`] binds the
//! values in the same order on either backend.

use time::Date;

/// A value bound to a placeholder.
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    I64(i64),
    Text(String),
    Date(Date),
    /// A stored timestamp (UTC, whole seconds: see `crate::truncate`).
    Time(time::OffsetDateTime),
}

/// `WHERE a AND b …` with its arguments. Each condition is written with `?` where its single
/// argument goes (used as many times as needed: `(x LIKE ? OR y LIKE ?)` binds it once).
#[derive(Debug, Default)]
pub(crate) struct Filter {
    conditions: Vec<String>,
    pub(crate) args: Vec<Arg>,
}

impl Filter {
    /// A condition without an argument.
    pub(crate) fn always(&mut self, condition: &str) -> &mut Self {
        self.conditions.push(condition.to_string());
        self
    }

    /// A condition on one argument.
    pub(crate) fn with(&mut self, condition: &str, arg: Arg) -> &mut Self {
        self.args.push(arg);
        self.conditions.push(condition.replace('?', &format!("${}", self.args.len())));
        self
    }

    /// A condition on an optional argument; nothing when it is `None`.
    pub(crate) fn maybe<T>(&mut self, condition: &str, value: Option<T>, arg: impl FnOnce(T) -> Arg) -> &mut Self {
        if let Some(v) = value {
            self.with(condition, arg(v));
        }
        self
    }

    /// The next placeholder, for arguments after the filter's (`LIMIT $n`).
    pub(crate) fn next_placeholder(&self) -> String {
        format!("${}", self.args.len() + 1)
    }

    /// ` WHERE …`, or nothing.
    pub(crate) fn sql(&self) -> String {
        if self.conditions.is_empty() { String::new() } else { format!(" WHERE {}", self.conditions.join(" AND ")) }
    }
}

/// `column = ?` for one agency, `column IN (…)` for several (ids are integers, written into the
/// statement), nothing for the whole city (`None`). An empty set matches nothing.
pub(crate) fn agencies_in(w: &mut Filter, column: &str, agencies: Option<&[i64]>) {
    match agencies {
        None => {}
        Some([one]) => {
            w.with(&format!("{column} = ?"), Arg::I64(*one));
        }
        Some([]) => {
            w.always("1 = 0");
        }
        Some(many) => {
            let list = many.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
            w.always(&format!("{column} IN ({list})"));
        }
    }
}

/// Binds a [`Filter`]'s arguments to a query, in order (inside `on_db!`, once per backend).
#[macro_export]
#[doc(hidden)]
macro_rules! bind_args {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for a in $args {
            q = match a {
                $crate::sql::Arg::I64(v) => q.bind(*v),
                $crate::sql::Arg::Text(v) => q.bind(v.clone()),
                $crate::sql::Arg::Date(v) => q.bind(*v),
                $crate::sql::Arg::Time(v) => q.bind(*v),
            };
        }
        q
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_follow_the_arguments_actually_used() {
        let mut f = Filter::default();
        f.maybe("agency_id = ?", None::<i64>, Arg::I64)
            .with("stage = ?", Arg::Text("open".into()))
            .always("closed_on IS NULL")
            .maybe("(a LIKE ? OR b LIKE ?)", Some("%x%".to_string()), Arg::Text);
        assert_eq!(f.sql(), " WHERE stage = $1 AND closed_on IS NULL AND (a LIKE $2 OR b LIKE $2)");
        assert_eq!(f.args.len(), 2);
        assert_eq!(f.next_placeholder(), "$3");
        assert_eq!(Filter::default().sql(), "");
    }
}
