/** The view for a path no MFE claims, with a way back that keeps the shell alive. */
export function renderNotFound(region: HTMLElement, path: string, home: string): HTMLElement {
  const view = document.createElement('section');
  view.className = 'atrium-not-found';
  view.setAttribute('aria-labelledby', 'atrium-not-found-title');
  const title = document.createElement('h1');
  title.id = 'atrium-not-found-title';
  title.textContent = 'Page not found';
  const text = document.createElement('p');
  text.textContent = `There is nothing at ${path}. It may have moved, or the link may be mistyped.`;
  const link = document.createElement('a');
  link.href = home;
  link.textContent = 'Go to the start page';
  view.append(title, text, link);
  region.append(view);
  return view;
}
