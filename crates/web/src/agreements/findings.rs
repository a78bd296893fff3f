//! The checker's findings as the editor lists them: in Thai, errors first, each linked to the
//! input it is about. Rendered on the page and after every autosave.

use askama::Template;
use domain::agreement::Agreement;
use domain::catalog::Form;
use domain::checker::{self, Severity};
use domain::editing;

pub struct Item {
    pub error: bool,
    pub severity: &'static str,
    pub label: String,
    pub path: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "agreements/findings.html")]
pub struct Findings {
    pub errors: usize,
    pub warnings: usize,
    pub items: Vec<Item>,
}

impl Findings {
    pub fn of(form: &Form, a: &Agreement) -> Findings {
        let report = checker::check(form, a);
        let items: Vec<Item> = report
            .findings
            .iter()
            .map(|f| Item {
                error: f.severity == Severity::Error,
                severity: f.severity.thai(),
                label: editing::label(form, a, &f.path),
                path: f.path.clone(),
                message: f.message.clone(),
            })
            .collect();
        Findings {
            errors: items.iter().filter(|i| i.error).count(),
            warnings: items.iter().filter(|i| !i.error).count(),
            items,
        }
    }

    /// The panel's HTML (escaped by askama); an empty string if the template fails.
    pub fn html(&self) -> String {
        self.render().unwrap_or_else(|e| {
            tracing::error!(error = %e, "findings template failed");
            String::new()
        })
    }
}
