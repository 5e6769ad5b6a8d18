// npm run lint: relative links in README.md and docs/ must reach a file and, with #, a heading.
// `repository: false`: links are checked on disk only; nothing is fetched.
import remarkValidateLinks from 'remark-validate-links';

export default { plugins: [[remarkValidateLinks, { repository: false }]] };
