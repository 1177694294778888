import { Page } from "@playwright/test";
import { test, expect, open, jsEnabled, signIn, DEMO_PASSWORD } from "./fixtures";

// Every page at a small phone, a large phone and a tablet: nothing wider than the screen
// (outside a scroll region made for it), and no text smaller than 12 px.
const WIDTHS = [320, 390, 768];

async function fits(page: Page, path: string, width: number) {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const limit = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > limit + 1) out.push(`page ${document.documentElement.scrollWidth} > ${limit}`);
    for (const el of Array.from(document.querySelectorAll("body *"))) {
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden" || el.closest("svg, .table-scroll, .visually-hidden, [hidden]")) continue;
      // The content of a closed disclosure (the phone's menu) is not shown.
      if (el.closest("details:not([open])") && !el.closest("summary")) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > limit + 1) out.push(`${el.tagName.toLowerCase()}.${el.className} right ${Math.round(r.right)} > ${limit}`);
      const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim() !== "");
      if (own && parseFloat(style.fontSize) < 12) out.push(`${el.tagName.toLowerCase()}.${el.className} text ${style.fontSize}`);
    }
    // Tap targets of at least 24 by 24 px (WCAG 2.5.8): links inside a line of text are exempt,
    // and so is a checkbox or radio button whose label (the larger target) holds it.
    for (const el of Array.from(document.querySelectorAll("a, button, select, input, textarea, summary"))) {
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden" || el.closest("svg, .visually-hidden, [hidden]")) continue;
      if (el.closest("details:not([open])") && !el.closest("summary")) continue;
      if (el.tagName === "A" && style.display === "inline") continue;
      if (el instanceof HTMLInputElement && (el.type === "hidden" || ((el.type === "checkbox" || el.type === "radio") && el.closest("label")))) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.width < 24 || r.height < 24)) out.push(`${el.tagName.toLowerCase()}.${el.className} target ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    // A chart's text, as drawn at this width, is 12 px or more (charts rearrange, not shrink).
    for (const svg of Array.from(document.querySelectorAll(".chart svg"))) {
      const box = svg.getBoundingClientRect();
      const view = (svg as SVGSVGElement).viewBox.baseVal;
      if (box.width === 0 || !view || view.width === 0) continue;
      const size = parseFloat(svg.getAttribute("font-size") ?? "0") * (box.width / view.width);
      if (size < 12) out.push(`chart text ${size.toFixed(1)} px at ${Math.round(box.width)} px wide`);
    }
    // On a phone the header is one row.
    const header = document.querySelector(".site-header");
    if (limit <= 640 && header && header.getBoundingClientRect().height > 64) out.push(`header ${Math.round(header.getBoundingClientRect().height)} px high`);
    return out.slice(0, 8);
  });
  expect(problems, `${path} at ${width} px`).toEqual([]);
}

const PUBLIC = ["/", "/?q=9000", "/learn", "/learn/basics", "/learn/basics/quiz", "/signin", "/signup", "/verify/ABCD-EFGH", "/privacy", "/rules"];
const AS: [string, string[]][] = [
  ["member@demo.nabij.invalid", ["/report", "/messages", "/messages/settings", "/my", "/account", "/inbox"]],
  ["officer@demo.nabij.invalid", ["/dashboard", "/messages/new", "/reports"]],
  ["admin@demo.nabij.invalid", ["/dashboard", "/registry", "/staff?zone=5415", "/audit"]],
  ["zoneadmin@demo.nabij.invalid", ["/staff", "/audit"]],
];

for (const width of WIDTHS) {
  test(`every page fits a screen ${width} px wide`, async ({ page }, info) => {
    test.setTimeout(180_000);
    const js = jsEnabled(info);
    await page.setViewportSize({ width, height: 800 });
    for (const path of PUBLIC) {
      await open(page, path, js);
      await fits(page, path, width);
    }
    for (const [who, paths] of AS) {
      await page.context().clearCookies();
      await signIn(page, js, who, DEMO_PASSWORD, paths[0]);
      for (const path of paths) {
        await open(page, path, js);
        await fits(page, path, width);
      }
    }
  });
}
