import { Page } from "@playwright/test";
import { test, expect, open, jsEnabled, expectAccessible, signUpAndConfirm } from "./fixtures";

// The server runs with end2end/content: two courses ("basics", "spotting"), two questions
// drawn from three (single choice, ordering, spot-the-phish) whose answers are known here.

const form = '[data-test-form="quiz-answer"]';

async function kind(page: Page): Promise<string> {
  return (await page.locator(`${form} [data-test-kind]`).getAttribute("data-test-kind")) ?? "";
}

/** Answers the question on screen, right or wrong, by pointer. */
async function answer(page: Page, right: boolean) {
  const k = await kind(page);
  if (k === "single") {
    await page.locator(`${form} input[name="pick"][value="${right ? "right" : "wrong"}"]`).check();
  } else if (k === "order") {
    const places = right ? ["1", "2", "3"] : ["2", "1", "3"];
    for (const [i, id] of ["first", "second", "third"].entries()) {
      await page.locator(`${form} select[name="marks[${id}]"]`).selectOption(places[i]);
    }
  } else if (k === "phish") {
    for (const mark of right ? ["sender", "urgency"] : ["greeting"]) {
      await page.locator(`${form} [data-test-mark="${mark}"] input`).check();
    }
  } else {
    throw new Error(`unexpected question kind ${k}`);
  }
  await page.locator(`${form} button[type="submit"]`).click();
  await expect(page.locator("[data-test-feedback]")).toHaveAttribute("data-test-feedback", right ? "right" : "wrong");
}

/** Marks the suspicious parts of the message and sends the answer, with the keyboard only. */
async function answerPhishByKeyboard(page: Page) {
  await page.locator("h1").click();
  for (const mark of ["sender", "urgency"]) {
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(
        (m) => document.activeElement?.closest("[data-test-mark]")?.getAttribute("data-test-mark") === m,
        mark,
      );
    }
    expect(reached, `the ${mark} part is reachable by Tab`).toBe(true);
    await page.keyboard.press("Space");
    await expect(page.locator(`[data-test-mark="${mark}"] input`)).toBeChecked();
  }
  let onSubmit = false;
  for (let i = 0; i < 10 && !onSubmit; i++) {
    await page.keyboard.press("Tab");
    onSubmit = await page.evaluate(() => document.activeElement?.getAttribute("type") === "submit");
  }
  expect(onSubmit, "the submit button is reachable by Tab").toBe(true);
  await page.keyboard.press("Enter");
  await expect(page.locator("[data-test-feedback]")).toHaveAttribute("data-test-feedback", "right");
}

async function next(page: Page) {
  await page.locator('[data-test-form="quiz-next"] button').click();
}

/** Passes the quiz on screen (starting or retrying it), answering every question right. */
async function passQuiz(page: Page, keyboardPhish: boolean): Promise<boolean> {
  let usedKeyboard = false;
  for (let q = 0; q < 2; q++) {
    await expect(page.locator(form)).toBeVisible();
    if (keyboardPhish && (await kind(page)) === "phish") {
      await expectAccessible(page);
      await answerPhishByKeyboard(page);
      usedKeyboard = true;
    } else {
      await answer(page, true);
    }
    await next(page);
  }
  await expect(page.locator("[data-test-result]")).toHaveAttribute("data-test-result", "passed");
  return usedKeyboard;
}

test("a visitor learns, keeps the progress on signing in, completes the track and gets a verifiable certificate", async ({ page, errors }, info) => {
  test.setTimeout(180_000);
  const js = jsEnabled(info);
  await open(page, "/learn", js);
  await expect(page.locator("[data-test-course]")).toHaveCount(2);
  await expect(page.locator("[data-test-visitor-note]")).toBeVisible();
  await expectAccessible(page);

  // Read the lesson of the first course; it leads to the quiz.
  await page.locator('[data-test-course="basics"] h2 a').click();
  await expect(page.locator("h1")).toHaveText("Basis");
  await page.locator('[data-test-lesson="one"] a').click();
  await expect(page.locator("[data-test-lesson-body]")).toBeVisible();
  await expectAccessible(page);
  await page.locator('[data-test-form="lesson-done"] button').click();
  await expect(page).toHaveURL(/\/learn\/basics\/quiz$/);
  await page.locator('[data-test-form="quiz-start"] button').click();

  // One wrong answer, explained.
  await answer(page, false);
  await expect(page.locator("[data-test-step]")).toContainText("1 / 2");
  await expectAccessible(page);

  // A reload resumes where the visitor was.
  await page.reload();
  await expect(page.locator("[data-test-feedback]")).toHaveAttribute("data-test-feedback", "wrong");

  // Signing up (which signs in) keeps the progress.
  await signUpAndConfirm(page, js, "Lotte Leerling", `learner-${info.project.name}-${Date.now()}@example.be`);
  await open(page, "/learn/basics/quiz", js);
  await expect(page.locator("[data-test-feedback]")).toHaveAttribute("data-test-feedback", "wrong");
  await open(page, "/learn/basics", js);
  await expect(page.locator('[data-test-lesson="one"]')).toHaveAttribute("data-test-done", "true");

  // Finish the attempt: one of two is not enough; a retry passes.
  await open(page, "/learn/basics/quiz", js);
  await next(page);
  await answer(page, true);
  await next(page);
  await expect(page.locator("[data-test-result]")).toHaveAttribute("data-test-result", "failed");
  await expectAccessible(page);
  await page.locator('[data-test-form="quiz-retry"] button').click();
  await passQuiz(page, false);

  // The second course, until a spot-the-phish question has been answered by keyboard alone.
  await open(page, "/learn/spotting/quiz", js);
  await page.locator('[data-test-form="quiz-start"] button').click();
  let keyboard = await passQuiz(page, true);
  for (let attempt = 0; attempt < 12 && !keyboard; attempt++) {
    await page.locator('[data-test-form="quiz-retry"] button').click();
    keyboard = await passQuiz(page, true);
  }
  expect(keyboard, "a spot-the-phish question was drawn and answered by keyboard").toBe(true);

  // The track is complete: the certificate, and its public verification.
  await open(page, "/learn", js);
  await expect(page.locator('[data-test-passed="true"]')).toHaveCount(2);
  await page.locator("[data-test-certificate-link]").click();
  await expect(page.getByLabel("Naam op het certificaat")).toHaveValue("Lotte Leerling");
  await expectAccessible(page);
  await page.locator('[data-test-form="certificate-issue"] button').click();
  const certificate = page.locator("[data-test-certificate]");
  await expect(certificate).toContainText("Lotte Leerling");
  const code = (await page.locator("[data-test-code]").textContent()) ?? "";
  expect(code).toMatch(/^NBJ-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expectAccessible(page);

  await page.locator("[data-test-verify-link]").click();
  await expect(page).toHaveURL(new RegExp(`/verify/${code}$`));
  await expect(page.locator("[data-test-verification]")).toHaveAttribute("data-test-verification", "valid");
  await expect(page.locator("[data-test-initials]")).toHaveText("L. L.");
  await expect(page.locator("main")).not.toContainText("Lotte");
  await expectAccessible(page);
});

test("an unknown certificate code is said to be unknown", async ({ page, errors }, info) => {
  await open(page, "/verify?code=NBJ-2345-6789", jsEnabled(info));
  await expect(page.locator("[data-test-verification]")).toHaveAttribute("data-test-verification", "unknown");
  await expectAccessible(page);
});
