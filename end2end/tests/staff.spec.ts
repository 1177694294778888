import { Page } from "@playwright/test";
import { test, expect, open, jsEnabled, expectAccessible, fillSignUp, linkFromMail, signIn, signOut, DEMO_PASSWORD } from "./fixtures";

const KC = "admin@demo.nabij.invalid";
/** Each project staffs a zone of its own, so the two can run side by side. */
const ZONES: Record<string, { id: string; name: string }> = {
  hydrated: { id: "5345", name: "Antwerpen" },
  "no-js": { id: "5388", name: "Leuven" },
};

/** Opens an invitation from its mail as a newcomer, creates the account on the way, and accepts. */
async function acceptAsNewcomer(page: Page, js: boolean, name: string, email: string) {
  const invitation = await linkFromMail(email, "/invitation/");
  await open(page, invitation, js);
  await expect(page.locator("[data-test-invited-as]")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Account aanmaken" }).click();
  await expect(page).toHaveURL(/\/signup\?next=/);
  await fillSignUp(page, name, email);
  const confirm = await linkFromMail(email, "/confirm?token=");
  expect(confirm).toContain(`&next=${invitation}`);
  await open(page, confirm, js);
  await page.getByLabel("Wachtwoord", { exact: true }).fill("een fiets op de dijk");
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await expect(page).toHaveURL(new RegExp(`${invitation}$`));
  await page.getByRole("button", { name: "Uitnodiging aanvaarden" }).click();
  await expect(page).toHaveURL(/\/account\?role=1$/);
  await expect(page.locator("p.message.success")).toContainText("Uw nieuwe rol is actief");
}

/** Sends the invitation form of the staff page. */
async function invite(page: Page, email: string, role: string, municipality?: string) {
  await page.locator("#invite-email").fill(email);
  await page.locator("#invite-role").selectOption(role);
  if (municipality) await page.locator("#invite-nis").selectOption({ label: municipality });
  await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
}

test("the knowledge centre staffs a zone: its administrator accepts and invites an officer and a signatory", async ({ page }, info) => {
  test.setTimeout(240_000);
  const js = jsEnabled(info);
  const stamp = `${info.project.name}-${Date.now()}`;
  const chief = `chef-${stamp}@example.be`;
  const officer = `agent-${stamp}@example.be`;
  const signatory = `schepen-${stamp}@example.be`;
  const zone = ZONES[info.project.name];

  // The knowledge centre chooses a zone and invites its administrator.
  await signIn(page, js, KC, DEMO_PASSWORD, "/staff");
  await page.locator("#zone-choice").selectOption(zone.id);
  await page.getByRole("button", { name: "Tonen" }).click();
  await expect(page).toHaveURL(new RegExp(`/staff\\?zone=${zone.id}$`));
  await expect(page.locator("[data-test-zone-name]")).toContainText(zone.name);
  await expectAccessible(page);
  await invite(page, chief, "zone_admin");
  await expect(page.locator("p.message.success")).toContainText("De uitnodiging is verstuurd.");
  await expect(page.locator(`[data-test-invitation="${chief}"]`)).toBeVisible();
  await signOut(page, js);

  // The administrator creates an account from the invitation and accepts it.
  await acceptAsNewcomer(page, js, "Chris Chef", chief);
  await expect(page.locator("[data-test-roles]")).toContainText("Beheerder politiezone");

  // From the menu, they invite an officer; a signatory needs a municipality of the zone.
  await page.locator("[data-test-staff-link]").first().click();
  await expect(page).toHaveURL(/\/staff/);
  await expect(page.locator(`[data-test-staff-row="${chief}"]`)).toContainText("(u)");
  await invite(page, officer, "zone_officer");
  await expect(page.locator("p.message.success")).toContainText("De uitnodiging is verstuurd.");
  // The list of open invitations shows it once the page has taken the change in.
  await expect(page.locator(`[data-test-invitation="${officer}"]`)).toBeVisible();
  await invite(page, signatory, "municipality");
  await expect(page.locator('[data-test-error="choose_municipality"]')).toBeVisible();
  // In the page, the form keeps what was typed.
  if (js) await expect(page.locator("#invite-email")).toHaveValue(signatory);
  await expectAccessible(page);
  await invite(page, signatory, "municipality", zone.name);
  await expect(page.locator(`[data-test-invitation="${signatory}"]`)).toBeVisible();
  await expect(page.locator("[data-test-invitation]", { hasText: stamp })).toHaveCount(2);
  await expectAccessible(page);
  await signOut(page, js);

  // The officer accepts and has the zone's dashboard; the signatory signs for the municipality.
  await acceptAsNewcomer(page, js, "Ann Agent", officer);
  await expect(page.locator("[data-test-roles]")).toContainText("Politie-inspecteur");
  await expect(page.locator("[data-test-dashboard-link]")).toBeVisible();
  await expect(page.locator("[data-test-staff-link]")).toHaveCount(0);
  await signOut(page, js);
  await acceptAsNewcomer(page, js, "Sam Schepen", signatory);
  await expect(page.locator("[data-test-roles]")).toContainText(`Ondertekenaar voor de gemeente, ${zone.name}`);
  await signOut(page, js);

  // The administrator sees the three of them, and the log says who did what.
  await signIn(page, js, chief, "een fiets op de dijk", "/staff");
  await expect(page.locator("[data-test-staff] tbody tr", { hasText: stamp })).toHaveCount(3);
  await expect(page.locator("[data-test-invitation]", { hasText: stamp })).toHaveCount(0);
  await page.locator("[data-test-audit-link]").click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?zone=${zone.id}$`));
  await expect(page.locator('[data-test-audit-action="invitation_accepted"]', { hasText: stamp })).toHaveCount(3);
  await expect(page.locator('[data-test-audit-action="invited"]', { hasText: stamp })).toHaveCount(3);
  await expect(page.locator("[data-test-audit-csv]")).toHaveAttribute("href", `/audit.csv?zone=${zone.id}`);
  await expectAccessible(page);
});
