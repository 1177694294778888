import { test, expect, open, jsEnabled, expectAccessible, signIn, personPage, photoWithLocation, DEMO_PASSWORD } from "./fixtures";

const OFFICER = "officer@demo.nabij.invalid";
const COORDINATOR = "coordinator@demo.nabij.invalid";
const MEMBER = "member@demo.nabij.invalid";

test("an officer alerts a network; the member sees it live and says so; the coordinator calls; the officer closes it", async ({
  page,
  browser,
  errors,
}, info) => {
  test.setTimeout(180_000);
  const js = jsEnabled(info);
  const title = `Inbraak in de Kerkstraat (${info.project.name} ${Date.now()})`;

  // The demo coordinator's network, which the demo member belongs to.
  await signIn(page, js, COORDINATOR, DEMO_PASSWORD, "/my");
  const binId = await page.locator("[data-test-my-bin]").first().getAttribute("data-test-my-bin");

  // The member has Nabij open.
  const member = await personPage(browser, js, errors);
  await signIn(member, js, MEMBER, DEMO_PASSWORD, "/messages");
  await expectAccessible(member);
  if (js) await expect(member.locator("body")).toHaveAttribute("data-live", "ready");

  // The officer writes an urgent alert to that network.
  const officer = await personPage(browser, js, errors);
  await signIn(officer, js, OFFICER, DEMO_PASSWORD, "/messages/new");
  await expectAccessible(officer);
  await officer.getByLabel("Categorie (voor dringende meldingen)").selectOption("burglary");
  await officer.getByLabel("Titel").fill(title);
  await officer.getByLabel("Bericht", { exact: true }).fill("Twee inbraken vannacht. Meer: https://www.politie.be/5415 <b>geen opmaak</b>");
  // The officer draws a circle on the zone's map around that network (from the keyboard, or
  // without JavaScript: a distance around it), and sees which networks it reaches.
  if (js) {
    await expect(officer.locator('[data-test-tool="circle"]')).toBeVisible();
    await officer.locator(`[data-test-area-bin="${binId}"]`).scrollIntoViewIfNeeded();
    const spot = await officer.locator(`[data-test-area-bin="${binId}"]`).boundingBox();
    if (!spot) throw new Error("the network is not on the zone's map");
    const [x, y] = [spot.x + spot.width / 2, spot.y + spot.height / 2];
    await officer.mouse.move(x, y);
    await officer.mouse.down();
    await officer.mouse.move(x + 12, y + 6, { steps: 4 });
    await officer.mouse.up();
    await expect(officer.locator("[data-test-area-preview] li").first()).toBeVisible();
    await expect(officer.locator(`[data-test-area-bin="${binId}"]`)).toHaveClass(/reached/);
    await expect(officer.locator('[data-test-scope="area"]')).toBeChecked();
  } else {
    await officer.getByLabel("Rond het netwerk").selectOption(binId!);
    await officer.getByLabel("tot op").selectOption("500");
    await officer.getByLabel("Gebied op de kaart").check();
  }
  await officer.getByRole("button", { name: "Bericht versturen" }).click();
  await expect(officer).toHaveURL(/\/messages\/\d+/);
  const messageUrl = new URL(officer.url()).pathname;
  await expect(officer.locator('[data-test-figure="seen"]')).toHaveText("0");
  await expect(officer.locator('[data-test-figure="recipients"]')).not.toHaveText("0");
  await expectAccessible(officer);

  // The coordinator's call list names the member, whom no e-mail reaches (made-up demo data).
  await open(page, messageUrl, js);
  const call = page.locator("[data-test-call]").filter({ hasText: "Demo Lid" });
  await expect(call).toBeVisible();
  await expectAccessible(page);
  await call.getByRole("button", { name: "Gebeld" }).click();
  await expect(page.locator("[data-test-call]").filter({ hasText: "Demo Lid" }).locator("[data-test-called]")).toBeVisible();

  // The member's open page shows it without a reload (with JavaScript); otherwise on the next page.
  if (js) {
    const banner = member.locator("#live-banner");
    await expect(banner).toContainText(title);
    await banner.getByRole("link", { name: title }).click();
  } else {
    await open(member, "/messages", js);
    await member.getByRole("link", { name: title }).click();
  }
  await expect(member).toHaveURL(new RegExp(`${messageUrl}$`));
  await expect(member.locator(".message-text").first()).toContainText("<b>geen opmaak</b>");
  await expect(member.getByRole("link", { name: "https://www.politie.be/5415" })).toBeVisible();
  await expect(member.locator(".advice")).toContainText("101");
  await expectAccessible(member);
  await member.getByRole("button", { name: "Gezien" }).click();
  await expect(member.locator('[data-test-seen="yes"]')).toBeVisible();

  // The officer's count rises, live with JavaScript.
  if (!js) await open(officer, messageUrl, js);
  await expect(officer.locator('[data-test-figure="seen"]')).toHaveText("1");

  // The officer closes the alert; the member reads how it ended.
  await officer.getByLabel("Afsluitend bericht").fill("Twee verdachten opgepakt. Dank voor uw waakzaamheid!");
  await officer.getByLabel("Ik bevestig dat deze melding afgesloten wordt.").check();
  await officer.getByRole("button", { name: "Melding afsluiten" }).click();
  await expect(officer.locator('[data-test-status="closed"]')).toBeVisible();
  await open(member, messageUrl, js);
  await expect(member.locator('[data-test-post="closing"]')).toContainText("Twee verdachten opgepakt");
  await expectAccessible(member);
});

test("a member chooses how messages reach them", async ({ page }, info) => {
  const js = jsEnabled(info);
  await signIn(page, js, MEMBER, DEMO_PASSWORD, "/messages");
  await page.locator("[data-test-settings-link]").click();
  await expect(page).toHaveURL(/\/messages\/settings$/);
  await expectAccessible(page);
  const form = page.locator('[data-test-form="message-settings"]');
  await form.getByRole("group", { name: "Dringende meldingen" }).getByLabel("Per sms").uncheck();
  await form.getByLabel("één keer per week").check();
  await page.getByLabel("Van", { exact: true }).selectOption("22");
  await page.getByLabel("Tot", { exact: true }).selectOption("7");
  await page.getByRole("button", { name: "Keuzes bewaren" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Uw keuzes zijn bewaard." })).toBeVisible();
  await open(page, "/messages/settings", js);
  await expect(page.getByLabel("Van", { exact: true })).toHaveValue("22");
  await expect(form.getByLabel("één keer per week")).toBeChecked();
  await expect(form.getByRole("group", { name: "Dringende meldingen" }).getByLabel("Per sms")).not.toBeChecked();
  // Back to the defaults, for the other tests.
  await form.getByLabel("één keer per week").uncheck();
  await form.getByRole("group", { name: "Dringende meldingen" }).getByLabel("Per sms").check();
  await page.getByLabel("Van", { exact: true }).selectOption("");
  await page.getByLabel("Tot", { exact: true }).selectOption("");
  await page.getByRole("button", { name: "Keuzes bewaren" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Uw keuzes zijn bewaard." })).toBeVisible();
});

test("the knowledge centre sends a prevention campaign to a province", async ({ page }, info) => {
  const js = jsEnabled(info);
  const title = `Valse pakjes-sms'en (${info.project.name} ${Date.now()})`;
  await signIn(page, js, "admin@demo.nabij.invalid", DEMO_PASSWORD, "/messages");
  await page.locator("[data-test-new-message]").click();
  await expect(page).toHaveURL(/\/messages\/new$/);
  await expectAccessible(page);
  // No urgent alerts from the knowledge centre: those come from the zones.
  await expect(page.locator('input[name="kind"][value="urgent"]')).toHaveCount(0);
  await expect(page.locator("#compose-template")).not.toContainText("Dringende melding");
  await page.getByLabel("Waar", { exact: true }).selectOption({ label: "Provincie Oost-Vlaanderen" });
  await page.getByLabel("Titel").fill(title);
  await page.getByLabel("Bericht", { exact: true }).fill("Klik niet op links in sms'en over pakjes. Meer: https://safeonweb.be");
  await page.getByRole("button", { name: "Bericht versturen" }).click();
  await expect(page).toHaveURL(/\/messages\/\d+/);
  await expect(page.locator(".message-view h1")).toHaveText(title);
  await expect(page.locator(".message-view")).toContainText("Kenniscentrum BIN");
  await expect(page.locator('[data-test-figure="recipients"]')).not.toHaveText("0");
  await expectAccessible(page);
});

test("a member finds an invitation useful and asks its sender a question", async ({ page, browser, errors }, info) => {
  const js = jsEnabled(info);
  const title = `Infoavond in het buurthuis (${info.project.name} ${Date.now()})`;
  await signIn(page, js, COORDINATOR, DEMO_PASSWORD, "/messages/new");
  await page.getByLabel("Uitnodiging").check();
  await page.getByLabel("Titel").fill(title);
  await page.getByLabel("Bericht", { exact: true }).fill("Dinsdag om 19.30 uur, over inbraakpreventie.");
  await page.getByRole("button", { name: "Bericht versturen" }).click();
  await expect(page).toHaveURL(/\/messages\/\d+/);
  const messageUrl = new URL(page.url()).pathname;

  const member = await personPage(browser, js, errors);
  await signIn(member, js, MEMBER, DEMO_PASSWORD, messageUrl);
  await expectAccessible(member);
  await member.getByRole("button", { name: "Nuttig" }).click();
  await expect(member.locator('[data-test-useful="yes"]')).toBeVisible();
  await member.getByText("Ik heb een vraag").click();
  await member.getByLabel("Uw vraag").fill("Mag ik mijn buurvrouw meebrengen?");
  await member.getByRole("button", { name: "Vraag versturen" }).click();
  await expect(member.getByRole("status").filter({ hasText: "Uw vraag is verstuurd" })).toBeVisible();
  await expectAccessible(member);
  if (js) {
    // The print button needs no inline handler.
    await member.evaluate(() => {
      const w = window as unknown as { printed: number };
      w.printed = 0;
      window.print = () => {
        w.printed += 1;
      };
    });
    await member.locator("[data-test-print]").click();
    expect(await member.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  }

  // The sender sees the counts, and the question in their inbox.
  await open(page, messageUrl, js);
  await expect(page.locator("[data-test-reactions]")).toHaveAttribute("data-test-reactions", "1/1");
  await open(page, "/inbox", js);
  await expect(page.getByText("Mag ik mijn buurvrouw meebrengen?").first()).toBeVisible();
});

test("an alert about a missing person carries a photo for its recipients", async ({ page, browser, errors }, info) => {
  const js = jsEnabled(info);
  const title = `Vermist: Maria, 82 jaar (${info.project.name} ${Date.now()})`;
  await signIn(page, js, COORDINATOR, DEMO_PASSWORD, "/messages/new");
  await page.getByLabel("Categorie (voor dringende meldingen)").selectOption("missing_person");
  await page.getByLabel("Titel").fill(title);
  await page.getByLabel("Bericht", { exact: true }).fill("Grijze jas, blauwe sjaal, wandelt met een stok.");
  await page.getByRole("button", { name: "Bericht versturen" }).click();
  await expect(page).toHaveURL(/\/messages\/\d+/);
  const messageUrl = new URL(page.url()).pathname;
  await page.getByLabel("Foto van de vermiste persoon").setInputFiles({ name: "maria.jpg", mimeType: "image/jpeg", buffer: await photoWithLocation(browser) });
  await page.getByRole("button", { name: "Foto toevoegen" }).click();
  await expect(page).toHaveURL(/\?photo=1/);
  await expect(page.locator("[data-test-alert-photo]")).toBeVisible();
  await expectAccessible(page);

  const member = await personPage(browser, js, errors);
  await signIn(member, js, MEMBER, DEMO_PASSWORD, messageUrl);
  await expect(member.locator("[data-test-alert-photo]")).toBeVisible();
  await expect(member.locator('[data-test-form="alert-photo"]')).toHaveCount(0);
  const photo = await member.request.get(`${messageUrl}/photo.jpg`);
  expect(photo.status()).toBe(200);
  expect((await photo.body()).includes("SECRET-LOCATION")).toBe(false);
});

test("an officer keeps a text as the zone's template, then deletes it after confirming", async ({ page }, info) => {
  const js = jsEnabled(info);
  const title = `Fietsen graveren (${info.project.name} ${Date.now()})`;
  await signIn(page, js, "officer@demo.nabij.invalid", DEMO_PASSWORD, "/messages/new");
  await page.getByLabel("Preventietip").check();
  await page.getByLabel("Titel").fill(title);
  await page.getByLabel("Bericht", { exact: true }).fill("Graveer uw fiets gratis bij de politie.");
  await page.getByLabel("Alle BIN's van de zone").check();
  await page.getByLabel("Deze tekst ook bewaren als sjabloon van de zone").check();
  await page.getByRole("button", { name: "Bericht versturen" }).click();
  await expect(page).toHaveURL(/\/messages\/\d+/);

  await open(page, "/messages/new", js);
  await expect(page.locator("#compose-template")).toContainText(title);
  const own = page.locator("[data-test-zone-templates]");
  await own.locator("summary").click();
  await expectAccessible(page);
  const form = own.locator('[data-test-form="delete-template"]').filter({ hasText: title });
  await form.getByLabel("Ik bevestig dat dit sjabloon verwijderd wordt.").check();
  await form.getByRole("button", { name: "Sjabloon verwijderen" }).click();
  await open(page, "/messages/new", js);
  await expect(page.locator("#compose-template")).not.toContainText(title);
});

test("an officer draws a polygon, chooses a distance around a network from the keyboard, and clears the area @needs-js", async ({
  page,
}) => {
  await signIn(page, true, OFFICER, DEMO_PASSWORD, "/messages/new");
  const picker = page.locator("[data-test-area-picker]");
  const shape = picker.locator("[data-test-shape]");
  const dot = picker.locator("[data-test-area-bin]").first();
  const id = await dot.getAttribute("data-test-area-bin");

  // Three corners around the network make a polygon that reaches it.
  await picker.getByRole("button", { name: "Veelhoek tekenen" }).click();
  await expect(picker.locator('[data-test-tool="polygon"]')).toHaveAttribute("aria-pressed", "true");
  await dot.scrollIntoViewIfNeeded();
  const spot = await dot.boundingBox();
  if (!spot || !id) throw new Error("the zone's map shows no network");
  const [x, y] = [spot.x + spot.width / 2, spot.y + spot.height / 2];
  for (const [dx, dy] of [[-20, -20], [20, -20], [0, 20]]) await page.mouse.click(x + dx, y + dy);
  await expect(picker.locator('[data-drawn="polygon"]')).toBeVisible();
  await expect(shape).toHaveValue(/^polygon:\d+,\d+;\d+,\d+;\d+,\d+$/);
  await expect(dot).toHaveClass(/reached/);
  await expect(picker.locator("[data-test-area-preview] li").first()).toBeVisible();
  await expect(page.locator('[data-test-scope="area"]')).toBeChecked();

  // No area: nothing drawn, nothing reached, the preview says so.
  await picker.getByRole("button", { name: "Gebied wissen" }).click();
  await expect(shape).toHaveValue("");
  await expect(picker.locator('[data-preview="none"]')).toBeVisible();
  await expect(picker.locator(".reached")).toHaveCount(0);

  // From the keyboard: a distance around the network, drawn as the server reads it.
  await page.getByLabel("Rond het netwerk").selectOption(id);
  await expect(shape).toHaveValue(/^circle:\d+,\d+,10$/);
  await expect(picker.locator('[data-drawn="circle"]')).toBeVisible();
  await expect(dot).toHaveClass(/reached/);
  await page.getByLabel("tot op").selectOption("500");
  await expect(shape).toHaveValue(/^circle:\d+,\d+,5$/);
  await expect(picker.locator("[data-preview-count]")).not.toHaveText("0");
  await expectAccessible(page);

  // Drawing anew lets go of the network chosen, so the form sends what is drawn.
  await picker.getByRole("button", { name: "Veelhoek tekenen" }).click();
  await expect(page.getByLabel("Rond het netwerk")).toHaveValue("");
  await expect(shape).toHaveValue("");
  await expect(picker.locator('[data-drawn="circle"]')).toBeHidden();
});
