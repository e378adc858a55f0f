import { evaluate, Result } from "../policy/engine";
import { environmentFromSynth } from "../policy/load-synth";
import { RULES } from "../policy/rules";
import { caseOf, FixtureCase, RULE_FIXTURES, RuleFixture, TerraformJson } from "./support/policy-fixtures";

const STACK = "fx";

function judge(ruleId: string, fixture: RuleFixture, json: TerraformJson, target = fixture.target): Result {
  const rule = RULES.find((candidate) => candidate.id === ruleId)!;
  const env = environmentFromSynth(fixture.production ? "prod" : "dev", [{ name: STACK, json }]);
  const address = target === "environment" ? `environment ${env.name}` : `${STACK}/${target}`;
  const result = evaluate(env, [rule]).results.find((candidate) => candidate.address === address);
  if (!result) throw new Error(`${ruleId} judged nothing at ${address}`);
  return result;
}

describe("policy rules", () => {
  it("has a compliant and a non-compliant fixture for exactly the rules of the pack", () => {
    expect(Object.keys(RULE_FIXTURES).sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });

  describe.each(RULES.map((rule) => [rule.id, rule.title]))("%s %s", (id) => {
    const fixture = RULE_FIXTURES[id];

    it("passes the compliant fixture", () => {
      expect(judge(id, fixture, fixture.compliant)).toMatchObject({ verdict: "pass" });
    });

    it("fails the non-compliant fixture, saying why", () => {
      const result = judge(id, fixture, fixture.nonCompliant);
      expect(result.verdict).toBe("fail");
      expect(result.reason).toMatch(/\w/);
    });

    const more = (cases?: Readonly<Record<string, FixtureCase>>) => Object.entries(cases ?? {}).map(([name, extra]) => [name, caseOf(fixture, extra)] as const);
    if (fixture?.moreCompliant) {
      it.each(more(fixture.moreCompliant))("passes: %s", (_name, { target, json }) => {
        expect(judge(id, fixture, json, target)).toMatchObject({ verdict: "pass" });
      });
    }
    if (fixture?.moreNonCompliant) {
      it.each(more(fixture.moreNonCompliant))("fails: %s", (_name, { target, json }) => {
        const result = judge(id, fixture, json, target);
        expect(result.verdict).toBe("fail");
        expect(result.reason).toMatch(/\w/);
      });
    }
  });

  it("reports a rule as not applicable when the environment has nothing it judges", () => {
    const env = environmentFromSynth("dev", [{ name: STACK, json: {} }]);
    const results = evaluate(env, RULES.filter((rule) => rule.scope === "resource")).results;
    expect(results.every((result) => result.verdict === "not_applicable" && result.address === "-")).toBe(true);
    expect(results).toHaveLength(RULES.filter((rule) => rule.scope === "resource").length);
  });
});
