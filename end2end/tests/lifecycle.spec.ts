import { Page } from "@playwright/test";
import { test, expect, open, jsEnabled, expectAccessible, signUpAndConfirm, signIn, signOut, DEMO_PASSWORD } from "./fixtures";

const OFFICER = "officer@demo.nabij.invalid";
const CHIEF = "zoneadmin@demo.nabij.invalid";
const TOWN = "municipality@demo.nabij.invalid";
const KC = "admin@demo.nabij.invalid";
const PASSWORD = "een fiets op de dijk";

/** Takes a step on the network's file and waits until the page shows the new state. */
async function stepTo(page: Page, step: string, state: string) {
  await page.locator(`[data-test-step="${step}"] button[type="submit"]`).click();
  await expect(page.locator("[data-test-state]")).toHaveAttribute("data-test-state", state);
}

async function joinAs(page: Page, js: boolean, name: string, email: string, binId: string, number: string) {
  await signUpAndConfirm(page, js, name, email);
  await open(page, `/bin/${binId}/join`, js);
  await page.getByLabel("Straat").fill("Proeflaan");
  await page.getByLabel("Huisnummer").fill(number);
  await page.getByLabel("Postcode").fill("9050");
  await page.getByLabel("Ik aanvaard de afspraken van het BIN.").check();
  await page.getByLabel("Ik heb de privacyverklaring gelezen en ga akkoord.").check();
  await page.getByRole("button", { name: "Aanvraag versturen" }).click();
  await expect(page.locator('[data-test-join="requested"], [data-test-join-state="pending"]').first()).toBeVisible();
  await signOut(page, js);
}

test("a new BIN goes from proposal through four signatures to the map, and through a handover", async ({ page, errors }, info) => {
  test.setTimeout(300_000);
  const js = jsEnabled(info);
  const stamp = `${info.project.name}-${Date.now()}`;
  const founder = `stichter-${stamp}@example.be`;
  const binName = `BIN Proeflaan ${stamp}`;

  // A resident proposes a network; the place comes from the search that found none.
  await signUpAndConfirm(page, js, "Sofie Stichter", founder);
  await open(page, "/start?place=9050", js);
  await expect(page.locator("#start-place")).toHaveValue("9050");
  await expectAccessible(page);
  await page.locator("#start-name").fill(binName);
  await page.locator("#start-streets").fill("Proeflaan; 1-99; oneven\nProeflaan; 2-98; even");
  await page.locator("#start-purpose").fill("Drie inbraken sinds de zomer; twaalf gezinnen willen meedoen.");
  await page.locator('[data-test-form="start"] button[type="submit"]').click();
  await expect(page).toHaveURL(/\/bin\/\d+\/life$/);
  const binId = /\/bin\/(\d+)\/life/.exec(page.url())![1];
  const file = `/bin/${binId}/life`;
  await expect(page.locator("[data-test-state]")).toHaveAttribute("data-test-state", "proposed");
  await expect(page.locator("[data-test-area]")).toBeVisible();
  await expectAccessible(page);

  // The police zone accepts; the charter is drafted and its officer signs.
  await signOut(page, js);
  await signIn(page, js, OFFICER, DEMO_PASSWORD, file);
  await stepTo(page, "accept", "charter");
  await page.locator('[data-test-sign="officer"] button').click();
  await expect(page.locator('[data-test-party="officer"]')).toContainText("Demo Inspecteur");
  await expectAccessible(page);

  // The zone's chief, the municipality and the founder sign, each for their own party.
  for (const [email, password, party, name] of [
    [CHIEF, DEMO_PASSWORD, "zone_chief", "Demo Zonebeheerder"],
    [TOWN, DEMO_PASSWORD, "municipality", "Demo Gemeente"],
    [founder, PASSWORD, "coordinator", "Sofie Stichter"],
  ]) {
    await signOut(page, js);
    await signIn(page, js, email, password, file);
    await page.locator(`[data-test-sign="${party}"] button`).click();
    await expect(page.locator(`[data-test-party="${party}"]`)).toContainText(name);
  }
  await expect(page.locator("[data-test-state]")).toHaveAttribute("data-test-state", "signed");

  // The knowledge centre registers it: active, with a printable charter, and on the map.
  await signOut(page, js);
  await signIn(page, js, KC, DEMO_PASSWORD, file);
  await stepTo(page, "register", "active");
  await expect(page.locator("[data-test-event]")).toHaveCount(8);
  await open(page, `/bin/${binId}/charter`, js);
  await expect(page.locator('[data-test-party] td:first-of-type')).toHaveCount(4);
  await expect(page.locator("[data-test-versions] tbody tr")).toHaveCount(1);
  await expectAccessible(page);
  await open(page, "/?q=9050", js);
  await expect(page.locator("[data-test-hit]").filter({ hasText: binName })).toBeVisible();
  const marker = page.locator(`[data-test-marker="${binId}"]`);
  for (let i = 0; i < 4 && (await marker.count()) === 0; i++) {
    await page.locator("[data-test-zoom-in]").click();
  }
  await expect(marker).toHaveAttribute("aria-label", binName);
  await signOut(page, js);

  // Two neighbours join and the founder approves them.
  const first = `eerste-${stamp}@example.be`;
  const second = `tweede-${stamp}@example.be`;
  await joinAs(page, js, "Noor Eerste", first, binId, "7");
  await joinAs(page, js, "Wim Tweede", second, binId, "12");
  await signIn(page, js, founder, PASSWORD, `/bin/${binId}/manage`);
  for (const name of ["Noor Eerste", "Wim Tweede"]) {
    await page.locator("[data-test-request]").filter({ hasText: name }).locator('[data-test-form="approve"] button').click();
    await expect(page.locator("[data-test-member]").filter({ hasText: name })).toBeVisible();
  }

  // The founder hands over to the first; the network never looks for a coordinator.
  await page.locator("#handover-to").selectOption({ label: "Noor Eerste" });
  await page.locator('[data-test-form="handover"] button[type="submit"]').click();
  await expect(page.locator("[data-test-handover-open]")).toBeVisible();
  await signOut(page, js);
  await signIn(page, js, first, PASSWORD, "/my");
  await page.locator(`[data-test-my-bin="${binId}"] [data-test-form="handover-accept"] button`).click();
  await expect(page.locator(`[data-test-my-bin="${binId}"] [data-test-handover-offer]`)).toHaveCount(0);
  await open(page, `/bin/${binId}`, js);
  await expect(page.locator("[data-test-bin-name]")).toHaveText(binName);
  await expect(page.locator("[data-test-looking]")).toHaveCount(0);

  // The new coordinator leaves: now it does, on its page and on the map.
  await open(page, "/my", js);
  const card = page.locator(`[data-test-my-bin="${binId}"]`);
  await card.locator('[data-test-form="leave"]').locator("xpath=..").locator("summary").click();
  await card.locator('[data-test-form="leave"] input[name="confirm"]').check();
  await card.locator('[data-test-form="leave"] button[type="submit"]').click();
  await expect(page.locator(`[data-test-my-bin="${binId}"]`)).toHaveCount(0);
  await open(page, `/bin/${binId}`, js);
  await expect(page.locator("[data-test-looking]")).toBeVisible();
  await signOut(page, js);

  // The second raises a hand, and the zone appoints them: the mark is gone.
  await signIn(page, js, second, PASSWORD, "/my");
  await page.locator(`[data-test-my-bin="${binId}"] [data-test-form="raise-hand"] button`).click();
  await expect(page.locator(`[data-test-my-bin="${binId}"] [data-test-form="raise-hand"]`)).toHaveCount(0);
  await signOut(page, js);
  await signIn(page, js, OFFICER, DEMO_PASSWORD, file);
  await expect(page.locator("[data-test-looking]")).toBeVisible();
  await page.locator("#appoint-user").selectOption({ label: "Wim Tweede" });
  await page.locator('[data-test-step="appoint"] button[type="submit"]').click();
  await expect(page.locator("[data-test-looking]")).toHaveCount(0);
  await expectAccessible(page);
  await open(page, `/bin/${binId}`, js);
  await expect(page.locator("[data-test-looking]")).toHaveCount(0);

  // The zone's chief dissolves it, after confirming, and it leaves the map.
  await signOut(page, js);
  await signIn(page, js, CHIEF, DEMO_PASSWORD, file);
  const dissolve = page.locator('[data-test-step="dissolve"]');
  await dissolve.locator("textarea").fill("Proefnetwerk van de browsertest.");
  await dissolve.locator('input[name="confirm"]').check();
  await dissolve.locator('button[type="submit"]').click();
  await expect(page.locator("[data-test-state]")).toHaveAttribute("data-test-state", "dissolved");
  const response = await page.goto(`/bin/${binId}`);
  expect(response?.status()).toBe(404);
});
