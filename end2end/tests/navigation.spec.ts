import { test, expect, open, signIn, DEMO_PASSWORD } from "./fixtures";

// Moving between pages in the browser (app/src/navigation.js): the document stays, and when the
// server cannot be reached the page stays as it is and says so.
test("a link followed while the connection is lost says so in place, and works once it is back @needs-js", async ({ page }) => {
  await open(page, "/learn", true);
  // Marks the document: a full page load would lose the mark.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.context().setOffline(true);
  await page.getByRole("link", { name: "Vind een BIN" }).click();
  const message = page.locator('[data-test-error="network"]');
  await expect(message).toBeVisible();
  await expect(message).toHaveAttribute("role", "alert");
  await expect(message).toContainText("De verbinding met de server viel weg");
  await expect(page).toHaveURL(/\/learn$/);
  await expect(page.locator("body")).not.toHaveAttribute("aria-busy", "true");

  await page.context().setOffline(false);
  await page.getByRole("link", { name: "Vind een BIN" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByLabel("Postcode, gemeente of adres")).toBeVisible();
  await expect(message).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  // The new page has the focus on its main part, for a screen reader to start there.
  await expect(page.locator("#main")).toBeFocused();
});

test("the skip link and back again stay on the page without fetching it anew @needs-js", async ({ page }) => {
  await open(page, "/learn", true);
  let fetched = 0;
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/learn") fetched += 1;
  });
  await page.keyboard.press("Tab");
  await expect(page.locator(".skip-link")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/learn#main$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/learn$/);
  await page.waitForLoadState("networkidle");
  expect(fetched).toBe(0);
});

// Live events are for a signed-in reader: a visitor's pages never fetch their script; a member's
// page fetches it once the header shows them signed in (after signing in within the page too).
test("a visitor's pages fetch no live script, and a member's page gets it on signing in @needs-js", async ({ page }) => {
  const fetched: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/live.js") fetched.push(request.url());
  });
  await open(page, "/learn", true);
  await page.getByRole("link", { name: "Vind een BIN" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  expect(fetched).toEqual([]);
  await signIn(page, true, "member@demo.nabij.invalid", DEMO_PASSWORD, "/messages");
  await expect(page.locator("body")).toHaveAttribute("data-live", "ready");
  expect(fetched).toHaveLength(1);
});
