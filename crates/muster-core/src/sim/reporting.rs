//! Reporting: reports owed up the chain of command when something happens (a confirmed case,
//! a death, a hospital overflow, an inject, the start of a day), their deadlines, and what a
//! late report costs.

use super::{EventKind, Exercise, FalseFigure, PendingReport};
use crate::scenario::ReportTrigger;

impl Exercise {
    /// Opens the reports a trigger makes due, unless one is already pending for the same rule.
    pub(crate) fn open_reports(&mut self, trigger: &ReportTrigger) {
        let scenario = self.scenario.clone();
        for rule in scenario
            .reporting
            .iter()
            .filter(|r| match (&r.on, trigger) {
                (ReportTrigger::Inject(a), ReportTrigger::Inject(b)) => a == b,
                (a, b) => super::rule_is(a, b) && !matches!(a, ReportTrigger::Inject(_)),
            })
        {
            // One report covers everything from its opening to its deadline; once overdue, a
            // new occurrence makes a new report due (each missed daily report counts).
            let pending = |r: &PendingReport| {
                r.rule == rule.id.as_str() && r.filed_at.is_none() && r.due > self.now
            };
            if self.reports.iter().any(pending) {
                continue;
            }
            let due = self.now.saturating_add(rule.within.get());
            self.reports.push(PendingReport {
                rule: rule.id.name.clone(),
                from: rule.from.name.clone(),
                to: rule.to.name.clone(),
                opened_at: self.now,
                due,
                filed_at: None,
                overdue_noted: false,
                untrue: None,
            });
            let audience = self.audience_of(std::slice::from_ref(&rule.from));
            self.emit(
                audience,
                EventKind::ReportDue {
                    rule: rule.id.name.clone(),
                    from: rule.from.name.clone(),
                    to: rule.to.name.clone(),
                    due,
                },
            );
        }
    }

    /// A daily report falls due at the start of every exercise day.
    pub(crate) fn open_daily_reports(&mut self) {
        if self.now.is_multiple_of(24 * 60) && self.now > 0 {
            self.open_reports(&ReportTrigger::Daily);
        }
    }

    /// Reports whose deadline passed unfiled: announced, and public confidence suffers.
    pub(crate) fn check_report_deadlines(&mut self) {
        let now = self.now;
        // Records are looked at in place; only those that fall due now are copied for the event.
        for n in 0..self.reports.len() {
            let r = &self.reports[n];
            if r.filed_at.is_none() && !r.overdue_noted && r.due <= now {
                let r = r.clone();
                self.reports[n].overdue_noted = true;
                self.late_report_costs_trust();
                // The agencies that owe it and expect it learn it; the public only feels it
                // (trust), and the room's projector does not announce it.
                let audience = self.audience_of_names([r.from.as_str(), r.to.as_str()]);
                self.emit(
                    audience,
                    EventKind::ReportOverdue {
                        rule: r.rule,
                        from: r.from,
                        to: r.to,
                    },
                );
            }
        }
    }

    /// When the latest report owed from one agency to another fell due (now, when none is): a
    /// filing that answers several states at least what was counted by then.
    pub(crate) fn latest_due(&self, from: &str, to: &str) -> u32 {
        self.reports
            .iter()
            .filter(|r| r.filed_at.is_none() && r.from == from && r.to == to)
            .map(|r| r.opened_at)
            .max()
            .unwrap_or(self.now)
    }

    /// Files every report due from one agency to another with what the filing stated wrongly,
    /// if anything; returns whether all were on time.
    pub(crate) fn file_reports(
        &mut self,
        from: &str,
        to: &str,
        untrue: Option<&FalseFigure>,
    ) -> bool {
        let now = self.now;
        let mut on_time = true;
        for r in self
            .reports
            .iter_mut()
            .filter(|r| r.filed_at.is_none() && r.from == from && r.to == to)
        {
            r.filed_at = Some(now);
            r.untrue = untrue.cloned();
            on_time &= now <= r.due;
        }
        on_time
    }
}

#[cfg(test)]
mod tests {
    use crate::sim::Mode;
    use crate::sim::test_support::{command, small};

    #[test]
    fn a_confirmed_case_makes_a_report_due_and_a_late_one_costs_trust() {
        let mut ex = small(Mode::Expected, "");
        ex.open_reports(&crate::scenario::ReportTrigger::CaseConfirmed);
        assert_eq!(ex.reports().len(), 1);
        // A second case while the first report is pending opens no second report.
        ex.open_reports(&crate::scenario::ReportTrigger::CaseConfirmed);
        assert_eq!(ex.reports().len(), 1);
        let trust = ex.districts[0].trust;
        ex.advance(3 * 60);
        assert!(ex.reports()[0].overdue_noted);
        assert!(ex.districts[0].trust < trust);
        ex.apply(command(
            r#"Report(team: "health-team", from: "health", to: "police")"#,
        ))
        .unwrap();
        assert_eq!(ex.reports()[0].filed_at, Some(ex.now()));
    }

    /// A rule answers its own trigger only: the small scenario's case report is not owed for a
    /// death, a new day or a hospital overflow.
    #[test]
    fn a_rule_is_owed_only_for_its_own_trigger() {
        use crate::scenario::ReportTrigger;
        let mut ex = small(Mode::Expected, "");
        for other in [
            ReportTrigger::Death,
            ReportTrigger::Daily,
            ReportTrigger::HospitalOverflow,
        ] {
            ex.open_reports(&other);
        }
        assert!(ex.reports().is_empty(), "{:?}", ex.reports());
        ex.open_reports(&ReportTrigger::CaseConfirmed);
        assert_eq!(ex.reports().len(), 1);
    }

    #[test]
    fn a_report_filed_in_time_is_on_time() {
        let mut ex = small(Mode::Expected, "");
        ex.open_reports(&crate::scenario::ReportTrigger::CaseConfirmed);
        ex.advance(30);
        assert!(ex.file_reports("health", "police", None));
        assert!(!ex.reports()[0].overdue_noted);
    }

    #[test]
    fn an_overdue_report_reaches_the_agencies_that_owe_and_expect_it_not_everyone() {
        // A third team that plays neither agency.
        let mut ex = small(
            Mode::Expected,
            r#"extra.agencies: (id: "transport", name: "Transport", kind: Transport)
extra.teams: (id: "transport-team", name: "Transport", agencies: ["transport"])"#,
        );
        ex.open_reports(&crate::scenario::ReportTrigger::CaseConfirmed);
        ex.advance(3 * 60);
        let overdue: Vec<_> = ex
            .events()
            .iter()
            .filter(|e| matches!(e.kind, crate::sim::EventKind::ReportOverdue { .. }))
            .collect();
        assert!(!overdue.is_empty(), "the case report is overdue");
        for event in overdue {
            assert_eq!(
                event.audience,
                crate::sim::Audience::Teams(vec!["health-team".into(), "police-team".into()])
            );
            assert!(!event.audience.includes("transport-team"));
        }
    }
}
