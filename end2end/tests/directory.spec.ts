import { Page } from "@playwright/test";
import { test, expect, open, expectAccessible, jsEnabled } from "./fixtures";

test("search a place, see the nearest networks and the map, open a network", async ({ page, errors }, info) => {
  const js = jsEnabled(info);
  await open(page, "/", js);
  const box = page.getByLabel("Postcode, gemeente of adres");
  if (js) {
    // Suggestions as you type, chosen with the keyboard.
    await box.pressSequentially("Luik");
    await expect(page.getByRole("option", { name: "Luik" })).toBeVisible();
    await box.press("ArrowDown");
    await expect(box).toHaveAttribute("aria-activedescendant", "q-option-0");
    await box.press("Enter");
    await expect(box).toHaveValue("Luik");
    await box.fill("Gent");
  } else {
    await box.fill("Gent");
  }
  await page.getByRole("button", { name: "Zoeken" }).click();
  await expect(page).toHaveURL(/q=Gent/);
  await expect(page.locator("[data-test-found]")).toContainText("Gent");
  const hits = page.locator("[data-test-hit]");
  await expect(hits.first()).toBeVisible();
  expect(await hits.count()).toBe(10);
  await expect(page.locator("[data-test-map]")).toHaveAttribute("data-zoom", "4");
  await expectAccessible(page);

  // Zoom in with the button, then out again.
  await page.locator("[data-test-zoom-in]").click();
  await expect(page.locator("[data-test-map]")).toHaveAttribute("data-zoom", "5");
  await page.locator("[data-test-zoom-out]").click();
  await expect(page.locator("[data-test-map]")).toHaveAttribute("data-zoom", "4");
  if (js) {
    // The keyboard moves the map too.
    await page.locator(".map-canvas").focus();
    await page.keyboard.press("+");
    await expect(page.locator("[data-test-map]")).toHaveAttribute("data-zoom", "5");
    // The new map keeps the focus where it was, so the keys go on working.
    await expect(page.locator(".map-canvas")).toBeFocused();
    await page.keyboard.press("-");
    await expect(page.locator("[data-test-map]")).toHaveAttribute("data-zoom", "4");
    await expect(page.locator(".map-canvas")).toBeFocused();
    // A button used from the keyboard keeps the focus too.
    await page.locator("[data-test-zoom-in]").focus();
    await page.keyboard.press("Enter");
    await expect(page.locator("[data-test-map]")).toHaveAttribute("data-zoom", "5");
    await expect(page.locator("[data-test-zoom-in]")).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("[data-test-map]")).toHaveAttribute("data-zoom", "6");
    // (The new map gives the focus back to the button in its next frame; wait for it.)
    await expect(page.locator("[data-test-zoom-in]")).toBeFocused();
    await page.locator("[data-test-zoom-out]").focus();
    await page.keyboard.press("Enter");
    await expect(page.locator("[data-test-map]")).toHaveAttribute("data-zoom", "5");
  }

  // Select a marker: a summary card with a link to the network's page.
  let marker = page.locator("[data-test-marker]").first();
  if ((await marker.count()) === 0) {
    await page.locator("[data-test-cluster]").first().click();
    marker = page.locator("[data-test-marker]").first();
  }
  await marker.click();
  await expect(page.locator("[data-test-summary]")).toBeVisible();
  await page.locator("[data-test-summary] a").click();
  await expect(page.locator("[data-test-bin-name]")).toBeVisible();
  await expect(page.locator("[data-test-band]")).not.toBeEmpty();
  // The directory's page carried only its own texts; the network's page has all of its own.
  await expect(page.getByText("Straten in dit netwerk")).toBeVisible();
  await expectAccessible(page);
});

test("bad searches get a clear message and markup stays text", async ({ page, errors }, info) => {
  const js = jsEnabled(info);
  await open(page, "/", js);
  const box = page.getByLabel("Postcode, gemeente of adres");
  await box.fill("9999");
  await page.getByRole("button", { name: "Zoeken" }).click();
  await expect(page.locator('[data-test-error="unknown_postcode"]')).toBeVisible();
  await page.getByLabel("Postcode, gemeente of adres").fill("<b>Atlantis</b>");
  await page.getByRole("button", { name: "Zoeken" }).click();
  await expect(page.locator('[data-test-error="place_not_found"]')).toBeVisible();
  await expect(page.locator("b", { hasText: "Atlantis" })).toHaveCount(0);
  await expectAccessible(page);
});

test("an unknown network's page is a 404", async ({ page }) => {
  const response = await page.goto("/bin/99999999");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pagina niet gevonden");
});

/** Opens the directory with the map at zoom 2 and returns its canvas and a point inside it. */
async function mapAtZoom2(page: Page) {
  await open(page, "/?mx=1400&my=1200&mz=2", true);
  const canvas = page.locator("[data-test-canvas]");
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error("no map");
  return { canvas, x: box.x + box.width / 2, y: box.y + Math.min(box.height / 2, 150) };
}

test("dragging the map moves it @needs-js", async ({ page, errors }) => {
  const { x, y } = await mapAtZoom2(page);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x - 120, y, { steps: 5 });
  await page.mouse.up();
  // Dragged to the left: the view moves east, at the same zoom.
  await expect(page).toHaveURL(/mx=(1[5-9]\d\d|2\d\d\d)&my=1200&mz=2/);
  await expect(page.locator("[data-test-map]")).toHaveAttribute("data-zoom", "2");
});

test("pinching the map with two fingers zooms it @needs-js", async ({ page, errors }) => {
  const { canvas, x, y } = await mapAtZoom2(page);
  // Two touch pointers 40 px apart move to 170 px apart: two doublings, two levels in.
  await canvas.evaluate(
    (el, [x, y]) => {
      const send = (type: string, id: number, cx: number, primary: boolean) =>
        el.dispatchEvent(
          new PointerEvent(type, {
            pointerId: id,
            pointerType: "touch",
            isPrimary: primary,
            clientX: cx,
            clientY: y,
            bubbles: true,
            cancelable: true,
          }),
        );
      send("pointerdown", 11, x - 20, true);
      send("pointerdown", 12, x + 20, false);
      send("pointermove", 11, x - 85, true);
      send("pointermove", 12, x + 85, false);
      send("pointerup", 12, x + 85, false);
      send("pointerup", 11, x - 85, true);
    },
    [x, y],
  );
  await expect(page).toHaveURL(/mz=4/);
  await expect(page.locator("[data-test-map]")).toHaveAttribute("data-zoom", "4");
});

test("the home page reached by a link in the app searches in the page, and the language links follow the page @needs-js", async ({ page, errors }) => {
  await open(page, "/learn", true);
  // Marks the document: a full page load would lose the mark.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByRole("link", { name: "Vind een BIN" }).click();
  await expect(page).toHaveURL(/\/$/);
  const box = page.getByLabel("Postcode, gemeente of adres");
  await expect(box).toBeVisible();
  await expect(page.locator("[data-test-locate]")).toBeVisible();
  await box.fill("9000");
  await box.press("Enter");
  await expect(page).toHaveURL(/q=9000/);
  await expect(page.locator("[data-test-found]")).toContainText("Gent");
  await expect(box).toBeFocused();
  // Back to the page before the search: the box follows the address.
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(box).toHaveValue("");
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  // The language links lead back to the page the reader is on now.
  await page.goForward();
  await expect(page.locator("[data-test-found]")).toContainText("Gent");
  await page.locator('[data-test-lang="fr"]').click();
  await expect(page).toHaveURL(/\/\?q=9000/);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
});
