import { searchBench } from './search.ts';
console.log(await searchBench());
