// @nestjs/throttler is CommonJS and require()s the ESM-only @nestjs/common. Node allows that,
// but Jest's ESM runtime runs CommonJS bodies while it is still walking a test file's import
// graph, and reports @nestjs/common (in that same walk) as a require() cycle. Evaluating Nest
// first, before the test file's graph, avoids the walk. Production loads through Node unchanged.
import '@nestjs/common';
import '@nestjs/core';
