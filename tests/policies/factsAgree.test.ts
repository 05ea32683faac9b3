import { builtInRoles } from "../../components/rbac/builtInRoles";
import { privateLinkTargets } from "../../components/network/privateLink";
import { TARGETS } from "../../policies/rules/network";
import { PRIVILEGED_ROLES } from "../../policies/rules/rbac";

// The pack carries its own copies of a few Azure facts so that it can be published alone; these tests make sure the
// copies never drift from the components' tables (one source of truth per fact, checked).
describe("the policy pack's copied Azure facts agree with the components' tables", () => {
  test("privileged role GUIDs equal the built-in role catalog's", () => {
    for (const [name, guid] of Object.entries(PRIVILEGED_ROLES)) {
      expect({ name, guid }).toEqual({ name, guid: builtInRoles[name as keyof typeof builtInRoles] });
    }
  });

  test("private-link group ids and DNS zones equal the private-link table's", () => {
    for (const [armType, target] of Object.entries(privateLinkTargets)) {
      const copy = TARGETS.find((t) => t.armType === armType);
      expect(copy).toBeDefined();
      for (const [group, zone] of Object.entries(target.groups))
        expect({ armType, group, zone: copy!.groups[group] }).toEqual({ armType, group, zone });
    }
  });
});
