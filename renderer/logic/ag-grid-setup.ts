// ag-grid Community, registered once by the first view that uses a grid (loaded lazily).
import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community';

ModuleRegistry.registerModules([AllCommunityModule]);
