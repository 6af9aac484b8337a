// Reading an impact report in words: group names, outcomes and why data is insufficient, from the
// message files (the API's English reason is rebuilt from the numbers, so it can be translated).
import { t } from "./i18n.js";
import { fmt } from "./util.js";

export const PHASES = ["before", "during", "after"];

export function groupLabel(label) {
  if (label === "treated" || label === "control") return t("group." + label);
  const m = String(label).match(/^(area|county):(.*)$/);
  return m ? t("group." + m[1], { name: m[2] }) : label;
}

/** Why a group's before or `phase` is too thin to compare, or "" when both are usable. */
export function insufficiency(g, gate, phase = "during") {
  for (const p of ["before", phase]) {
    const s = g.phases[p];
    if (!s || !(s.validHours > 0)) return t("reason.noHours", { phase: t("phase." + p) });
    if (s.coverage < gate) return t("reason.belowGate", { phase: t("phase." + p), coverage: fmt(s.coverage * 100, 0), gate: fmt(gate * 100, 0) });
  }
  return "";
}

/** The change of `phase` against before, or null when its data is insufficient. */
export function usableChange(g, gate, phase) {
  const ch = phase === "during" ? g.duringVsBefore : g.afterVsBefore;
  if (!ch || !Number.isFinite(ch.percent) || insufficiency(g, gate, phase)) return null;
  if (phase === "during" && g.outcome === "INSUFFICIENT_DATA") return null;
  return ch;
}

export function outcomeText(outcome, reason) {
  return t("outcome." + outcome, { reason: reason || t("reason.fewDays") });
}

export function groupOutcome(g, gate) {
  return outcomeText(g.outcome, g.outcome === "INSUFFICIENT_DATA" ? insufficiency(g, gate) : "");
}

export function didOutcome(report) {
  if (report.didOutcome !== "INSUFFICIENT_DATA") return outcomeText(report.didOutcome);
  if (!report.control) return outcomeText("INSUFFICIENT_DATA", t("reason.noControl"));
  const reason = insufficiency(report.treated, report.coverageGate) || insufficiency(report.control, report.coverageGate);
  return outcomeText("INSUFFICIENT_DATA", reason);
}

/** Whether the treated group has valid hours for this quantity: in any phase (`strict`: before and during). */
export function hasData(report, strict) {
  const g = report && report.treated;
  if (!g) return false;
  const valid = (p) => g.phases[p] && g.phases[p].validHours > 0;
  return strict ? valid("before") && valid("during") : PHASES.some(valid);
}
