// Unit tests run the core on tfjs's CPU backend (pure JS; tfjs-node cannot install here).
import { startCpuBackend } from '../../src/core/backend/select';

await startCpuBackend();
