// Element Plus, one component at a time (never the barrel: it would put every component in the
// first load). Each component's own CSS comes with it; theme.css darkens the colours after.
import 'element-plus/es/components/button/style/css.mjs';
import 'element-plus/es/components/input/style/css.mjs';
import 'element-plus/es/components/input-number/style/css.mjs';
import 'element-plus/es/components/form/style/css.mjs';
import 'element-plus/es/components/form-item/style/css.mjs';
import 'element-plus/es/components/select/style/css.mjs';
import 'element-plus/es/components/option/style/css.mjs';
import 'element-plus/es/components/checkbox/style/css.mjs';
import 'element-plus/es/components/checkbox-group/style/css.mjs';
import 'element-plus/es/components/radio/style/css.mjs';
import 'element-plus/es/components/radio-group/style/css.mjs';
import 'element-plus/es/components/table/style/css.mjs';
import 'element-plus/es/components/table-column/style/css.mjs';
import 'element-plus/es/components/alert/style/css.mjs';
import 'element-plus/es/components/card/style/css.mjs';
import 'element-plus/es/components/tag/style/css.mjs';
import 'element-plus/es/components/descriptions/style/css.mjs';
import 'element-plus/es/components/descriptions-item/style/css.mjs';
import 'element-plus/es/components/empty/style/css.mjs';
import './theme.css';

export { ElButton } from 'element-plus/es/components/button/index.mjs';
export { ElInput } from 'element-plus/es/components/input/index.mjs';
export { ElInputNumber } from 'element-plus/es/components/input-number/index.mjs';
export { ElForm, ElFormItem } from 'element-plus/es/components/form/index.mjs';
export { ElSelect, ElOption } from 'element-plus/es/components/select/index.mjs';
export { ElCheckbox, ElCheckboxGroup } from 'element-plus/es/components/checkbox/index.mjs';
export { ElRadio, ElRadioGroup } from 'element-plus/es/components/radio/index.mjs';
export { ElTable, ElTableColumn } from 'element-plus/es/components/table/index.mjs';
export { ElAlert } from 'element-plus/es/components/alert/index.mjs';
export { ElCard } from 'element-plus/es/components/card/index.mjs';
export { ElTag } from 'element-plus/es/components/tag/index.mjs';
export { ElDescriptions, ElDescriptionsItem } from 'element-plus/es/components/descriptions/index.mjs';
export { ElEmpty } from 'element-plus/es/components/empty/index.mjs';
