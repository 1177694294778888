import { Page } from "@playwright/test";
import { test, expect, open, jsEnabled, expectAccessible, linkFromMail, fillSignUp, DEMO_PASSWORD } from "./fixtures";

async function signIn(page: Page, js: boolean, email: string, password: string, next?: string) {
  await open(page, next ? `/signin?next=${encodeURIComponent(next)}` : "/signin", js);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page).not.toHaveURL(/\/signin/);
}

test("a resident asks to join from the BIN page and its coordinator approves", async ({ page, errors }, info) => {
  test.setTimeout(120_000);
  const js = jsEnabled(info);
  // The demo coordinator's network and one of its streets.
  await signIn(page, js, "coordinator@demo.nabij.invalid", DEMO_PASSWORD);
  await open(page, "/my", js);
  const binId = await page.locator("[data-test-my-bin]").first().getAttribute("data-test-my-bin");
  await expectAccessible(page);
  await open(page, "/account", js);
  await page.locator('[data-test-form="sign-out"] button').click();
  await expect(page.locator("[data-test-signin-link]")).toBeVisible();

  await open(page, `/bin/${binId}`, js);
  const segment = (await page.locator("[data-test-segment]").first().getAttribute("data-test-segment")) ?? "";
  const [street, number] = segment.split("|");

  // A visitor is asked to sign in first; they create an account on the way, and confirming it
  // brings them back to the request.
  await page.locator("[data-test-join]").click();
  await expect(page).toHaveURL(new RegExp(`/bin/${binId}/join$`));
  await expectAccessible(page);
  const email = `buur-${info.project.name}-${Date.now()}@example.be`;
  const name = `Bert Buur ${info.project.name}`;
  await page.locator("[data-test-join-signup]").click();
  await expect(page).toHaveURL(/\/signup\?next=/);
  await fillSignUp(page, name, email);
  const link = await linkFromMail(email, "/confirm?token=");
  expect(link).toContain(`&next=/bin/${binId}/join`);
  await open(page, link, js);
  await page.getByLabel("Wachtwoord", { exact: true }).fill("een fiets op de dijk");
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await expect(page).toHaveURL(new RegExp(`/bin/${binId}/join$`));

  // An address outside the network is refused with a clear message, then the right one is sent.
  await page.getByLabel("Straat").fill("Nergensstraat");
  await page.getByLabel("Huisnummer").fill("1");
  await page.getByLabel("Postcode").fill("9000");
  // The agreements and the privacy notice are pages of their own, opened beside the form.
  await expect(page.locator("[data-test-rules-link]")).toHaveAttribute("href", "/rules");
  await expect(page.locator("[data-test-privacy-notice]")).toHaveAttribute("href", "/privacy");
  await page.getByLabel("Ik aanvaard de afspraken van het BIN.").check();
  await page.getByLabel("Ik heb de privacyverklaring gelezen en ga akkoord.").check();
  await page.getByRole("button", { name: "Aanvraag versturen" }).click();
  await expect(page.locator('[data-test-error="address_not_covered"]')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Straat").fill(street);
  await page.getByLabel("Huisnummer").fill(number);
  await page.getByLabel("Postcode").fill("9000");
  // The agreements and the privacy notice are pages of their own, opened beside the form.
  await expect(page.locator("[data-test-rules-link]")).toHaveAttribute("href", "/rules");
  await expect(page.locator("[data-test-privacy-notice]")).toHaveAttribute("href", "/privacy");
  await page.getByLabel("Ik aanvaard de afspraken van het BIN.").check();
  await page.getByLabel("Ik heb de privacyverklaring gelezen en ga akkoord.").check();
  await page.getByRole("button", { name: "Aanvraag versturen" }).click();
  await expect(page.locator('[data-test-join="requested"], [data-test-join-state="pending"]').first()).toBeVisible();
  await open(page, "/my", js);
  await expect(page.locator(`[data-test-my-bin="${binId}"]`)).toHaveAttribute("data-test-state", "pending");
  await expectAccessible(page);

  // The coordinator sees the request in the inbox and approves it.
  await open(page, "/account", js);
  await page.locator('[data-test-form="sign-out"] button').click();
  await signIn(page, js, "coordinator@demo.nabij.invalid", DEMO_PASSWORD, "/inbox");
  await expect(page.locator("[data-test-inbox]")).toBeVisible();
  // The notice is written in the reader's language, with the applicant's name.
  await expect(page.locator("[data-test-inbox] li").first()).toContainText(`${name} vraagt om lid te worden`);
  await expectAccessible(page);
  // Opening the notice marks it read and leads to the network's page for its coordinators.
  const unread = Number(await page.locator("[data-test-unread]").getAttribute("data-test-unread"));
  await expect(page.locator("[data-test-inbox-link]")).toContainText(`${unread} ongelezen`);
  await page.locator("[data-test-inbox] li").first().locator("a[data-test-notice]").click();
  await expect(page).toHaveURL(new RegExp(`/bin/${binId}/manage$`));
  await open(page, "/inbox", js);
  await expect(page.locator("[data-test-unread]")).toHaveAttribute("data-test-unread", String(unread - 1));
  await open(page, `/bin/${binId}/manage`, js);
  await expect(page.locator("[data-test-continuity]")).toBeVisible();
  const request = page.locator("[data-test-request]").filter({ hasText: name }).first();
  await expect(request).toBeVisible();
  await expectAccessible(page);
  await request.locator('[data-test-form="approve"] button').click();
  await expect(page.locator("[data-test-member]").filter({ hasText: name }).first()).toBeVisible();

  // The resident is now a member.
  await open(page, "/account", js);
  await page.locator('[data-test-form="sign-out"] button').click();
  await signIn(page, js, email, "een fiets op de dijk", "/my");
  await expect(page.locator(`[data-test-my-bin="${binId}"]`)).toHaveAttribute("data-test-state", "active");
});
