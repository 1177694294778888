import { test, expect, open, expectAccessible, jsEnabled, signIn, DEMO_PASSWORD } from "./fixtures";

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test("on a phone the map shows names and the searched place, and changes in place", async ({ page }, info) => {
  const js = jsEnabled(info);
  await open(page, "/?q=9000", js);
  const map = page.locator("[data-test-map]");
  await expect(map).toHaveAttribute("data-zoom", "4");
  // Names of places, the searched place's pin and a legend.
  await expect(page.locator(".map-canvas text.place.main", { hasText: "Gent" }).first()).toBeAttached();
  await expect(page.locator("[data-test-pin]")).toBeAttached();
  await expect(page.locator(".map-legend li")).toHaveCount(4);
  // Markers are big enough to see and to tap on a phone.
  const marker = page.locator("[data-test-marker] circle.marker").first();
  await marker.scrollIntoViewIfNeeded();
  // At 390 and at 320 px: a marker 16 px across, its tap area 44 px, a group's number 11 px.
  for (const width of [320, 390]) {
    await page.setViewportSize({ width, height: 844 });
    await marker.scrollIntoViewIfNeeded();
    const dot = await marker.boundingBox();
    expect(dot!.width, `marker at ${width} px`).toBeGreaterThanOrEqual(16);
    const tap = await page.locator("[data-test-marker] circle.tap").first().boundingBox();
    expect(tap!.width, `tap area at ${width} px`).toBeGreaterThanOrEqual(44);
    const number = page.locator("[data-test-cluster] text").first();
    if ((await number.count()) > 0) {
      expect((await number.boundingBox())!.height, `number at ${width} px`).toBeGreaterThanOrEqual(11);
    }
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);

  if (js) {
    // A tap selects a network: its card opens under the map and the page stays where it was.
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(100);
    await page.locator("[data-test-marker]").first().tap();
    await expect(page.locator("[data-test-summary]")).toBeVisible();
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(4);
    // A drag moves the map in place.
    const canvas = await page.locator(".map-canvas").boundingBox();
    const [cx, cy] = [canvas!.x + canvas!.width / 2, canvas!.y + canvas!.height / 2];
    const x = new URL(page.url()).searchParams.get("mx");
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx - 80, cy, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => new URL(page.url()).searchParams.get("mx")).not.toBe(x);
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(4);
    // The moved map is drawn (its networks fetched) before the next gesture starts on it.
    await page.waitForLoadState("networkidle");
    // Two fingers spreading zoom in, in place.
    const cdp = await page.context().newCDPSession(page);
    const fingers = (d: number) => [
      { x: cx - d, y: cy, id: 0 },
      { x: cx + d, y: cy, id: 1 },
    ];
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: fingers(20) });
    for (const d of [40, 60, 80]) {
      await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: fingers(d) });
    }
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await expect(map).toHaveAttribute("data-zoom", "6");
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(4);
  } else {
    // Without JavaScript a map link lands on the map, not at the top of the page.
    await page.locator("[data-test-zoom-in]").click();
    await expect(map).toHaveAttribute("data-zoom", "5");
    expect(new URL(page.url()).hash).toBe("#map");
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
  }
});

test("on a phone the header is one row, and its menu opens with a tap", async ({ page }, info) => {
  const js = jsEnabled(info);
  await signIn(page, js, "coordinator@demo.nabij.invalid", DEMO_PASSWORD, "/my");
  const header = page.locator(".site-header");
  for (const width of [320, 390]) {
    await page.setViewportSize({ width, height: 700 });
    // Polled: the page's stylesheet may still be arriving when the size changes.
    await expect.poll(async () => (await header.boundingBox())!.height, { message: `at ${width} px` }).toBeLessThanOrEqual(64);
  }
  await expect(page.locator("[data-test-inbox-link]")).toBeHidden();
  await page.locator("[data-test-menu-button]").click();
  await expect(page.locator("[data-test-inbox-link]")).toBeVisible();
  await expect(page.locator("[data-test-account-link]")).toBeVisible();
  expect((await header.boundingBox())!.height, "the open menu lies over the page").toBeLessThanOrEqual(64);
  await expectAccessible(page);
  await page.locator("[data-test-inbox-link]").click();
  await expect(page).toHaveURL(/\/inbox$/);
});
