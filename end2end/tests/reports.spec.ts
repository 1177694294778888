import { test, expect, open, jsEnabled, expectAccessible, signIn, personPage, photoWithLocation, DEMO_PASSWORD } from "./fixtures";

const OFFICER = "officer@demo.nabij.invalid";
const MEMBER = "member@demo.nabij.invalid";

test("a member reports what they saw with a photo; the zone gets it without metadata and answers", async ({
  page,
  browser,
  errors,
}, info) => {
  test.setTimeout(120_000);
  const js = jsEnabled(info);
  const what = `Man probeert deurklinken in de Kerkstraat (${info.project.name} ${Date.now()})`;

  await signIn(page, js, MEMBER, DEMO_PASSWORD, "/report");
  // The form says first that it is no emergency line.
  await expect(page.locator("[data-test-not-emergency]")).toContainText("112");
  await expectAccessible(page);
  await page.getByLabel("Wat zag u?").fill(what);
  await page.getByLabel("Waar?").fill("Kerkstraat 12, Gent");
  await page.getByLabel("De politie mag mij hierover contacteren").check();
  await page.getByRole("button", { name: "Waarneming versturen" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+\?sent=1/);
  await expect(page.getByRole("status").filter({ hasText: "verstuurd" })).toBeVisible();
  const reportPath = new URL(page.url()).pathname;
  await expect(page.locator("[data-test-status]").first()).toHaveAttribute("data-test-status", "new");

  // One photo, kept without its metadata.
  await page.getByLabel("Foto", { exact: true }).setInputFiles({ name: "IMG_0042.jpg", mimeType: "image/jpeg", buffer: await photoWithLocation(browser) });
  await page.getByRole("button", { name: "Foto toevoegen" }).click();
  await expect(page).toHaveURL(/\?photo=1/);
  await expect(page.locator("[data-test-photo]")).toBeVisible();
  await expectAccessible(page);

  // The zone's queue has it; the photo the zone downloads carries no location.
  const officer = await personPage(browser, js, errors);
  await signIn(officer, js, OFFICER, DEMO_PASSWORD, "/reports");
  await expectAccessible(officer);
  await officer.getByRole("link", { name: what }).click();
  await expect(officer).toHaveURL(new RegExp(`${reportPath}$`));
  await expect(officer.locator("[data-test-reporter]")).toContainText("Demo Lid");
  const photo = await officer.request.get(`${reportPath}/photo.jpg`);
  expect(photo.status()).toBe(200);
  const bytes = await photo.body();
  expect(bytes.includes("SECRET-LOCATION")).toBe(false);
  expect(bytes.includes("Exif")).toBe(false);
  expect(bytes.subarray(0, 2).toString("hex")).toBe("ffd8");
  await expectAccessible(officer);

  await officer.getByRole("button", { name: "In behandeling nemen" }).click();
  await expect(officer.locator("[data-test-status]").first()).toHaveAttribute("data-test-status", "handling");
  await officer.getByLabel("Antwoord aan de melder").fill("Een ploeg is langs geweest. Dank u voor uw melding!");
  await officer.getByRole("button", { name: "Afsluiten met een antwoord" }).click();
  await expect(officer.locator("[data-test-status]").first()).toHaveAttribute("data-test-status", "closed");

  // The member sees the status change in the inbox and the answer on the report.
  await open(page, "/inbox", js);
  await expect(page.getByText("Uw waarneming is afgesloten").first()).toBeVisible();
  await open(page, reportPath, js);
  await expect(page.locator("[data-test-answer]")).toContainText("Een ploeg is langs geweest");
  await expect(page.locator('[data-test-form="photo"]')).toHaveCount(0);
});

test("a resident points out on the map where they saw it @needs-js", async ({ page }, info) => {
  await signIn(page, jsEnabled(info), MEMBER, DEMO_PASSWORD, "/report");
  await page.getByLabel("Wat zag u?").fill(`Een ladder tegen een gevel (${Date.now()})`);
  const where = page.getByLabel("Waar?");
  await where.fill("9000");
  await page.locator("[data-test-pick-on-map]").click();
  const map = page.locator("[data-test-pick-map]");
  await expect(map).toBeVisible();
  await expect(map.locator("text.place.main", { hasText: "Gent" }).first()).toBeAttached();
  await expectAccessible(page);
  // A tap a little north-east of the centre puts that point's coordinates in the field.
  await map.scrollIntoViewIfNeeded();
  const box = await map.boundingBox();
  await page.mouse.click(box!.x + box!.width * 0.6, box!.y + box!.height * 0.4);
  await expect(page.locator('[data-test-picked="true"]')).toBeAttached();
  await expect(where).toHaveValue(/^51\.\d{5}, 3\.\d{5}$/);
  const [lat, lon] = (await where.inputValue()).split(", ").map(Number);
  expect(lat).toBeGreaterThan(51.03);
  expect(lon).toBeGreaterThan(3.7);
  await page.getByRole("button", { name: "Waarneming versturen" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+\?sent=1/);
  await expect(page.getByText(/51\.\d{5}, 3\.\d{5}/).first()).toBeVisible();
});

test("a resident gives their device's location as the place, and a refusal is explained @needs-js", async ({ page }) => {
  await page.context().setGeolocation({ latitude: 50.8467, longitude: 4.3525 });
  await page.context().grantPermissions(["geolocation"]);
  await signIn(page, true, MEMBER, DEMO_PASSWORD, "/report");
  const where = page.getByLabel("Waar?");
  const locate = page.getByRole("button", { name: "Gebruik mijn locatie" });
  await locate.click();
  await expect(where).toHaveValue("50.84670, 4.35250");
  await expect(page.locator('[data-test-error="location_refused"]')).toBeHidden();

  await where.fill("");
  await page.context().clearPermissions();
  await locate.click();
  await expect(page.locator('[data-test-error="location_refused"]')).toBeVisible();
  await expect(where).toHaveValue("");
  await expect(locate).toBeEnabled();
});
