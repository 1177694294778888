import { test, expect, open, expectAccessible, jsEnabled } from "./fixtures";

test("a street and number inside a network's segment find exactly that network", async ({ page, errors }, info) => {
  const js = jsEnabled(info);
  await open(page, "/?q=9000", js);
  const first = page.locator("[data-test-hit]").first();
  const id = await first.getAttribute("data-test-hit");
  await first.locator("a").click();
  await expect(page.locator("[data-test-bin-name]")).toBeVisible();
  const segment = await page.locator("[data-test-segment]").first().getAttribute("data-test-segment");
  const [street, from] = (segment ?? "").split("|");
  const address = `${street.toUpperCase()} ${Number(from) + 4}, gent`;
  await open(page, "/", js);
  await page.getByLabel("Postcode, gemeente of adres").fill(address);
  await page.getByRole("button", { name: "Zoeken" }).click();
  const covering = page.locator("[data-test-covers]");
  await expect(covering).toHaveCount(1);
  await expect(covering).toHaveAttribute("data-test-covers", id ?? "");
  await expect(page.locator("[data-test-hit]").first()).toHaveAttribute("data-test-hit", id ?? "");
  await expectAccessible(page);
});

// The location button needs JavaScript (without it the search box is the way): the no-js project
// leaves out tests tagged @needs-js.
test("use my location finds the nearest networks, and a refusal is explained @needs-js", async ({ browser }) => {
  const allowed = await browser.newContext({
    locale: "nl-BE",
    geolocation: { latitude: 51.0543, longitude: 3.7174 },
    permissions: ["geolocation"],
  });
  const page = await allowed.newPage();
  await open(page, "/", true);
  await page.locator("[data-test-locate]").click();
  await expect(page).toHaveURL(/q=51\.05430%2C3\.71740/);
  await expect(page.locator("[data-test-hit]").first()).toContainText("Gent");
  await allowed.close();

  const refused = await browser.newContext({ locale: "nl-BE", permissions: [] });
  const other = await refused.newPage();
  await open(other, "/", true);
  await other.locator("[data-test-locate]").click();
  await expect(other.locator('[data-test-error="location_refused"]')).toBeVisible();
  await refused.close();
});
