/** Placeholder being implemented: serves the tab's pages (/tab/...). */
import type { Server } from 'restify';

export function registerTabPages(_server: Server): void {}
