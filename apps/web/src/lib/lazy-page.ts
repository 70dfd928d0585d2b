import { lazy, type ComponentType } from 'react';
import { loadNamespace } from './i18n.js';

/**
 * A route's page in a chunk of its own (`React.lazy`; render it inside `<Suspense>`). The page's module and
 * its feature's strings (`ns`, as in `useLang(ns)`) are fetched together, so the page renders at once instead
 * of suspending a second time for its locale file.
 *
 *     const HomePage = lazyPage(() => import('../features/home/routes/HomePage.js').then((m) => m.HomePage), 'home');
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>, ns?: string) {
  return lazy(async () => {
    const [Page] = await Promise.all([load(), ns ? loadNamespace(ns) : undefined]);
    return { default: Page };
  });
}
