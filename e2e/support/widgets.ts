import type { Locator, Page } from 'playwright-core';

/**
 * Signs in as alice from a widget's own Sign in button, through the local IdP's login and consent
 * pages and the site's one callback page, and waits for `back`: something only the page the
 * visitor lands on shows (the page signed in from, or the callback page's refusal).
 */
export async function signInFromWidget(page: Page, widget: Locator, back: Locator): Promise<void> {
  await widget.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('alice');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // An embedder's client asks consent on every authorization request (README, "Widgets on other
  // sites"); `back` is awaited too, for an IdP that skips it.
  const allow = page.getByRole('button', { name: 'Allow' });
  await allow.or(back).first().waitFor();
  if (await allow.isVisible()) await allow.click();
  await back.waitFor();
}

/** What the page's widgets are rendered in: tag, shadow root or not, and the text inside. */
export function widgetHosts(page: Page): Promise<{ id: string; name: string; shadow: boolean; text: string }[]> {
  return page.evaluate(() => [...document.querySelectorAll('atrium-widget')].map((el) => {
    const root = el.shadowRoot ?? el;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.parentElement?.tagName !== 'STYLE') text += node.textContent;
    return { id: el.id, name: el.getAttribute('name') ?? '', shadow: el.shadowRoot !== null, text };
  }));
}
