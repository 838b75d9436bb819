// GENERATED from schemas/*.schema.json by src/config/schema-validators.test.ts; do not edit.
// Regenerate: UPDATE_GOLDEN=1 npx vitest run src/config/schema-validators.test.ts
/* eslint-disable */
// @ts-nocheck
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
export const account = validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://clientsync.invalid/schemas/account.schema.json","title":"clientsync account file (clients/<accountId>.yaml)","description":"The API clients of one account. The account id is the file name. See clients/README.md.","type":"object","additionalProperties":false,"required":["clients"],"properties":{"clients":{"description":"The account's API clients (at most 5 unless an administrator raised the limit). Write `clients: []` for none.","type":"array","items":{"$ref":"#/$defs/client"}}},"$defs":{"url":{"type":"string","minLength":1,"maxLength":255},"urlList":{"type":"array","items":{"$ref":"#/$defs/url"},"uniqueItems":true},"client":{"description":"One API client (a Keycloak OAuth 2.0 / OIDC confidential client).","type":"object","additionalProperties":false,"required":["clientId","capabilities"],"properties":{"clientId":{"description":"Client ID: <accountId>_<name>, e.g. acme_reporting. Letters, digits, '.', '_' and '-'. Never renamed: a new clientId is a new client (the old one is deleted).","type":"string","minLength":1,"maxLength":255},"displayName":{"description":"Display name shown in the settings page (Keycloak 'name'). When blank, the clientId is shown.","type":"string","maxLength":255},"description":{"description":"What the client is for.","type":"string","maxLength":255},"capabilities":{"description":"Capability types: WebApp (browser login, standard flow), Script (service account, client credentials), Backchannel (back-channel logout; needs WebApp and backchannelLogoutUrl). At least one of WebApp, Script.","type":"array","items":{"enum":["WebApp","Script","Backchannel"]},"uniqueItems":true},"rootUrl":{"description":"Root URL: an absolute https:// URL that relative URIs of this client resolve against.","$ref":"#/$defs/url"},"homeUrl":{"description":"Home URL (Keycloak 'baseUrl'): where the settings page links to; absolute, or relative to rootUrl.","$ref":"#/$defs/url"},"adminUrl":{"description":"Admin URL: the application's admin endpoint; absolute, or relative to rootUrl.","$ref":"#/$defs/url"},"redirectUris":{"description":"Valid redirect URIs after login (WebApp). https:// (http only for localhost); a trailing '*' is the only wildcard allowed.","$ref":"#/$defs/urlList"},"postLogoutRedirectUris":{"description":"Valid redirect URIs after logout (WebApp); '+' means: the same as redirectUris.","$ref":"#/$defs/urlList"},"webOrigins":{"description":"Allowed CORS origins (WebApp): scheme://host[:port] without a path, or '+' for the origins of redirectUris.","type":"array","items":{"type":"string","minLength":1,"maxLength":255},"uniqueItems":true},"backchannelLogoutUrl":{"description":"Back-channel logout URL; required with the Backchannel capability, and only allowed with it.","$ref":"#/$defs/url"},"scopes":{"description":"API scopes granted to the client; each must be listed in clientsync.yaml's scopes.","type":"array","items":{"type":"string","minLength":1},"uniqueItems":true},"rotate":{"description":"Ask for a new client secret at (or after) this instant: an RFC 3339 timestamp with a zone, e.g. 2026-11-20T09:00:00Z. Honoured once; change the value to rotate again.","type":"string"},"adopt":{"description":"Take over a client that already exists in Keycloak (created by hand). Without it, such a client is a conflict and left alone.","type":"boolean"}}}}};
const schema32 = {"description":"One API client (a Keycloak OAuth 2.0 / OIDC confidential client).","type":"object","additionalProperties":false,"required":["clientId","capabilities"],"properties":{"clientId":{"description":"Client ID: <accountId>_<name>, e.g. acme_reporting. Letters, digits, '.', '_' and '-'. Never renamed: a new clientId is a new client (the old one is deleted).","type":"string","minLength":1,"maxLength":255},"displayName":{"description":"Display name shown in the settings page (Keycloak 'name'). When blank, the clientId is shown.","type":"string","maxLength":255},"description":{"description":"What the client is for.","type":"string","maxLength":255},"capabilities":{"description":"Capability types: WebApp (browser login, standard flow), Script (service account, client credentials), Backchannel (back-channel logout; needs WebApp and backchannelLogoutUrl). At least one of WebApp, Script.","type":"array","items":{"enum":["WebApp","Script","Backchannel"]},"uniqueItems":true},"rootUrl":{"description":"Root URL: an absolute https:// URL that relative URIs of this client resolve against.","$ref":"#/$defs/url"},"homeUrl":{"description":"Home URL (Keycloak 'baseUrl'): where the settings page links to; absolute, or relative to rootUrl.","$ref":"#/$defs/url"},"adminUrl":{"description":"Admin URL: the application's admin endpoint; absolute, or relative to rootUrl.","$ref":"#/$defs/url"},"redirectUris":{"description":"Valid redirect URIs after login (WebApp). https:// (http only for localhost); a trailing '*' is the only wildcard allowed.","$ref":"#/$defs/urlList"},"postLogoutRedirectUris":{"description":"Valid redirect URIs after logout (WebApp); '+' means: the same as redirectUris.","$ref":"#/$defs/urlList"},"webOrigins":{"description":"Allowed CORS origins (WebApp): scheme://host[:port] without a path, or '+' for the origins of redirectUris.","type":"array","items":{"type":"string","minLength":1,"maxLength":255},"uniqueItems":true},"backchannelLogoutUrl":{"description":"Back-channel logout URL; required with the Backchannel capability, and only allowed with it.","$ref":"#/$defs/url"},"scopes":{"description":"API scopes granted to the client; each must be listed in clientsync.yaml's scopes.","type":"array","items":{"type":"string","minLength":1},"uniqueItems":true},"rotate":{"description":"Ask for a new client secret at (or after) this instant: an RFC 3339 timestamp with a zone, e.g. 2026-11-20T09:00:00Z. Honoured once; change the value to rotate again.","type":"string"},"adopt":{"description":"Take over a client that already exists in Keycloak (created by hand). Without it, such a client is a conflict and left alone.","type":"boolean"}}};
const schema33 = {"type":"string","minLength":1,"maxLength":255};
const func1 = Object.prototype.hasOwnProperty;
const func2 = require("ajv/dist/runtime/ucs2length").default;
const func0 = require("ajv/dist/runtime/equal").default;
const schema36 = {"type":"array","items":{"$ref":"#/$defs/url"},"uniqueItems":true};

function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate22.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(Array.isArray(data)){
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
let data0 = data[i0];
if(typeof data0 === "string"){
if(func2(data0) > 255){
const err0 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/url/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema33,data:data0};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(func2(data0) < 1){
const err1 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/url/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema33,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.type,parentSchema:schema33,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
let i1 = data.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data[i1], data[j0])){
const err3 = {instancePath,schemaPath:"#/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema36,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err4 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema36.type,parentSchema:schema36,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}
validate22.evaluated = {"items":true,"dynamicProps":false,"dynamicItems":false};


function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.clientId === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "clientId"},message:"must have required property '"+"clientId"+"'",schema:schema32.required,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.capabilities === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "capabilities"},message:"must have required property '"+"capabilities"+"'",schema:schema32.required,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema32.properties, key0))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.clientId !== undefined){
let data0 = data.clientId;
if(typeof data0 === "string"){
if(func2(data0) > 255){
const err3 = {instancePath:instancePath+"/clientId",schemaPath:"#/properties/clientId/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema32.properties.clientId,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(func2(data0) < 1){
const err4 = {instancePath:instancePath+"/clientId",schemaPath:"#/properties/clientId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.clientId,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/clientId",schemaPath:"#/properties/clientId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.clientId.type,parentSchema:schema32.properties.clientId,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.displayName !== undefined){
let data1 = data.displayName;
if(typeof data1 === "string"){
if(func2(data1) > 255){
const err6 = {instancePath:instancePath+"/displayName",schemaPath:"#/properties/displayName/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema32.properties.displayName,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/displayName",schemaPath:"#/properties/displayName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.displayName.type,parentSchema:schema32.properties.displayName,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.description !== undefined){
let data2 = data.description;
if(typeof data2 === "string"){
if(func2(data2) > 255){
const err8 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema32.properties.description,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.description.type,parentSchema:schema32.properties.description,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.capabilities !== undefined){
let data3 = data.capabilities;
if(Array.isArray(data3)){
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(!(((data4 === "WebApp") || (data4 === "Script")) || (data4 === "Backchannel"))){
const err10 = {instancePath:instancePath+"/capabilities/" + i0,schemaPath:"#/properties/capabilities/items/enum",keyword:"enum",params:{allowedValues: schema32.properties.capabilities.items.enum},message:"must be equal to one of the allowed values",schema:schema32.properties.capabilities.items.enum,parentSchema:schema32.properties.capabilities.items,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
let i1 = data3.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data3[i1], data3[j0])){
const err11 = {instancePath:instancePath+"/capabilities",schemaPath:"#/properties/capabilities/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema32.properties.capabilities,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err12 = {instancePath:instancePath+"/capabilities",schemaPath:"#/properties/capabilities/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema32.properties.capabilities.type,parentSchema:schema32.properties.capabilities,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.rootUrl !== undefined){
let data5 = data.rootUrl;
if(typeof data5 === "string"){
if(func2(data5) > 255){
const err13 = {instancePath:instancePath+"/rootUrl",schemaPath:"#/$defs/url/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema33,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(func2(data5) < 1){
const err14 = {instancePath:instancePath+"/rootUrl",schemaPath:"#/$defs/url/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema33,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/rootUrl",schemaPath:"#/$defs/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.type,parentSchema:schema33,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.homeUrl !== undefined){
let data6 = data.homeUrl;
if(typeof data6 === "string"){
if(func2(data6) > 255){
const err16 = {instancePath:instancePath+"/homeUrl",schemaPath:"#/$defs/url/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema33,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(func2(data6) < 1){
const err17 = {instancePath:instancePath+"/homeUrl",schemaPath:"#/$defs/url/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema33,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/homeUrl",schemaPath:"#/$defs/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.type,parentSchema:schema33,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.adminUrl !== undefined){
let data7 = data.adminUrl;
if(typeof data7 === "string"){
if(func2(data7) > 255){
const err19 = {instancePath:instancePath+"/adminUrl",schemaPath:"#/$defs/url/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema33,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(func2(data7) < 1){
const err20 = {instancePath:instancePath+"/adminUrl",schemaPath:"#/$defs/url/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema33,data:data7};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/adminUrl",schemaPath:"#/$defs/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.type,parentSchema:schema33,data:data7};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.redirectUris !== undefined){
if(!(validate22(data.redirectUris, {instancePath:instancePath+"/redirectUris",parentData:data,parentDataProperty:"redirectUris",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.postLogoutRedirectUris !== undefined){
if(!(validate22(data.postLogoutRedirectUris, {instancePath:instancePath+"/postLogoutRedirectUris",parentData:data,parentDataProperty:"postLogoutRedirectUris",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.webOrigins !== undefined){
let data10 = data.webOrigins;
if(Array.isArray(data10)){
const len1 = data10.length;
for(let i2=0; i2<len1; i2++){
let data11 = data10[i2];
if(typeof data11 === "string"){
if(func2(data11) > 255){
const err22 = {instancePath:instancePath+"/webOrigins/" + i2,schemaPath:"#/properties/webOrigins/items/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema32.properties.webOrigins.items,data:data11};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(func2(data11) < 1){
const err23 = {instancePath:instancePath+"/webOrigins/" + i2,schemaPath:"#/properties/webOrigins/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.webOrigins.items,data:data11};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/webOrigins/" + i2,schemaPath:"#/properties/webOrigins/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.webOrigins.items.type,parentSchema:schema32.properties.webOrigins.items,data:data11};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
let i3 = data10.length;
let j1;
if(i3 > 1){
const indices0 = {};
for(;i3--;){
let item0 = data10[i3];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j1 = indices0[item0];
const err25 = {instancePath:instancePath+"/webOrigins",schemaPath:"#/properties/webOrigins/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema32.properties.webOrigins,data:data10};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
break;
}
indices0[item0] = i3;
}
}
}
else {
const err26 = {instancePath:instancePath+"/webOrigins",schemaPath:"#/properties/webOrigins/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema32.properties.webOrigins.type,parentSchema:schema32.properties.webOrigins,data:data10};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data.backchannelLogoutUrl !== undefined){
let data12 = data.backchannelLogoutUrl;
if(typeof data12 === "string"){
if(func2(data12) > 255){
const err27 = {instancePath:instancePath+"/backchannelLogoutUrl",schemaPath:"#/$defs/url/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema33,data:data12};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(func2(data12) < 1){
const err28 = {instancePath:instancePath+"/backchannelLogoutUrl",schemaPath:"#/$defs/url/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema33,data:data12};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/backchannelLogoutUrl",schemaPath:"#/$defs/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.type,parentSchema:schema33,data:data12};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.scopes !== undefined){
let data13 = data.scopes;
if(Array.isArray(data13)){
const len2 = data13.length;
for(let i4=0; i4<len2; i4++){
let data14 = data13[i4];
if(typeof data14 === "string"){
if(func2(data14) < 1){
const err30 = {instancePath:instancePath+"/scopes/" + i4,schemaPath:"#/properties/scopes/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.scopes.items,data:data14};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/scopes/" + i4,schemaPath:"#/properties/scopes/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.scopes.items.type,parentSchema:schema32.properties.scopes.items,data:data14};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
let i5 = data13.length;
let j2;
if(i5 > 1){
const indices1 = {};
for(;i5--;){
let item1 = data13[i5];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j2 = indices1[item1];
const err32 = {instancePath:instancePath+"/scopes",schemaPath:"#/properties/scopes/uniqueItems",keyword:"uniqueItems",params:{i: i5, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i5+" are identical)",schema:true,parentSchema:schema32.properties.scopes,data:data13};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
break;
}
indices1[item1] = i5;
}
}
}
else {
const err33 = {instancePath:instancePath+"/scopes",schemaPath:"#/properties/scopes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema32.properties.scopes.type,parentSchema:schema32.properties.scopes,data:data13};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data.rotate !== undefined){
let data15 = data.rotate;
if(typeof data15 !== "string"){
const err34 = {instancePath:instancePath+"/rotate",schemaPath:"#/properties/rotate/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.rotate.type,parentSchema:schema32.properties.rotate,data:data15};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data.adopt !== undefined){
let data16 = data.adopt;
if(typeof data16 !== "boolean"){
const err35 = {instancePath:instancePath+"/adopt",schemaPath:"#/properties/adopt/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema32.properties.adopt.type,parentSchema:schema32.properties.adopt,data:data16};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.type,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://clientsync.invalid/schemas/account.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.clients === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "clients"},message:"must have required property '"+"clients"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(key0 === "clients")){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.clients !== undefined){
let data0 = data.clients;
if(Array.isArray(data0)){
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
if(!(validate21(data0[i0], {instancePath:instancePath+"/clients/" + i0,parentData:data0,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
}
else {
const err2 = {instancePath:instancePath+"/clients",schemaPath:"#/properties/clients/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.clients.type,parentSchema:schema31.properties.clients,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
else {
const err3 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.type,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const clientsync = validate26;
const schema39 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://clientsync.invalid/schemas/clientsync.schema.json","title":"clientsync settings (clientsync.yaml)","description":"Operator settings for clientsync, owned by platform administrators. See clients/README.md and docs/.","type":"object","additionalProperties":false,"required":["realm","scopes"],"properties":{"realm":{"description":"The Keycloak realm that holds every account's clients, e.g. insights.","type":"string","minLength":1,"maxLength":255},"accountIdPattern":{"description":"Regular expression every account id (the file name under clients/, without .yaml) must match. Keep '_' out of it so clientId prefixes stay unambiguous. Default: ^[a-z0-9][a-z0-9-]{0,62}$","type":"string","minLength":1},"clientLimit":{"description":"Default number of clients an account may declare. Default: 5.","type":"integer","minimum":0},"clientLimits":{"description":"Raised (or lowered) limits per account id, granted by an administrator, e.g. acme: 8.","type":"object","additionalProperties":{"description":"The number of clients this account may declare.","type":"integer","minimum":0}},"allowedInternalHosts":{"description":"Hosts that adminUrl and backchannelLogoutUrl (URLs Keycloak itself calls) may use although they are loopback or link-local addresses (localhost, 127.0.0.1, [::1], 169.254.x.x, fe80::): refused otherwise, as Keycloak would call its own ports or a cloud metadata service. Host names or IP addresses, written as in a URL, e.g. localhost or 127.0.0.1. Default: none.","type":"array","items":{"type":"string","minLength":1,"maxLength":255},"uniqueItems":true},"scopes":{"description":"The API scopes teams may grant to their clients, each with a description. Every scope listed here must exist as a client scope in the realm.","type":"object","additionalProperties":{"description":"What the scope gives access to (shown to teams).","type":"string"}}}};

function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://clientsync.invalid/schemas/clientsync.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate26.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.realm === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "realm"},message:"must have required property '"+"realm"+"'",schema:schema39.required,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.scopes === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "scopes"},message:"must have required property '"+"scopes"+"'",schema:schema39.required,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "realm") || (key0 === "accountIdPattern")) || (key0 === "clientLimit")) || (key0 === "clientLimits")) || (key0 === "allowedInternalHosts")) || (key0 === "scopes"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.realm !== undefined){
let data0 = data.realm;
if(typeof data0 === "string"){
if(func2(data0) > 255){
const err3 = {instancePath:instancePath+"/realm",schemaPath:"#/properties/realm/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema39.properties.realm,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(func2(data0) < 1){
const err4 = {instancePath:instancePath+"/realm",schemaPath:"#/properties/realm/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema39.properties.realm,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/realm",schemaPath:"#/properties/realm/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.properties.realm.type,parentSchema:schema39.properties.realm,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.accountIdPattern !== undefined){
let data1 = data.accountIdPattern;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err6 = {instancePath:instancePath+"/accountIdPattern",schemaPath:"#/properties/accountIdPattern/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema39.properties.accountIdPattern,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/accountIdPattern",schemaPath:"#/properties/accountIdPattern/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.properties.accountIdPattern.type,parentSchema:schema39.properties.accountIdPattern,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.clientLimit !== undefined){
let data2 = data.clientLimit;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err8 = {instancePath:instancePath+"/clientLimit",schemaPath:"#/properties/clientLimit/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema39.properties.clientLimit.type,parentSchema:schema39.properties.clientLimit,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 0 || isNaN(data2)){
const err9 = {instancePath:instancePath+"/clientLimit",schemaPath:"#/properties/clientLimit/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema39.properties.clientLimit,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
if(data.clientLimits !== undefined){
let data3 = data.clientLimits;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key1 in data3){
let data4 = data3[key1];
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err10 = {instancePath:instancePath+"/clientLimits/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/clientLimits/additionalProperties/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema39.properties.clientLimits.additionalProperties.type,parentSchema:schema39.properties.clientLimits.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 < 0 || isNaN(data4)){
const err11 = {instancePath:instancePath+"/clientLimits/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/clientLimits/additionalProperties/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema39.properties.clientLimits.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
}
else {
const err12 = {instancePath:instancePath+"/clientLimits",schemaPath:"#/properties/clientLimits/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema39.properties.clientLimits.type,parentSchema:schema39.properties.clientLimits,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.allowedInternalHosts !== undefined){
let data5 = data.allowedInternalHosts;
if(Array.isArray(data5)){
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
if(typeof data6 === "string"){
if(func2(data6) > 255){
const err13 = {instancePath:instancePath+"/allowedInternalHosts/" + i0,schemaPath:"#/properties/allowedInternalHosts/items/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema39.properties.allowedInternalHosts.items,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(func2(data6) < 1){
const err14 = {instancePath:instancePath+"/allowedInternalHosts/" + i0,schemaPath:"#/properties/allowedInternalHosts/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema39.properties.allowedInternalHosts.items,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/allowedInternalHosts/" + i0,schemaPath:"#/properties/allowedInternalHosts/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.properties.allowedInternalHosts.items.type,parentSchema:schema39.properties.allowedInternalHosts.items,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
let i1 = data5.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data5[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err16 = {instancePath:instancePath+"/allowedInternalHosts",schemaPath:"#/properties/allowedInternalHosts/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema39.properties.allowedInternalHosts,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err17 = {instancePath:instancePath+"/allowedInternalHosts",schemaPath:"#/properties/allowedInternalHosts/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema39.properties.allowedInternalHosts.type,parentSchema:schema39.properties.allowedInternalHosts,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.scopes !== undefined){
let data7 = data.scopes;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(const key2 in data7){
let data8 = data7[key2];
if(typeof data8 !== "string"){
const err18 = {instancePath:instancePath+"/scopes/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/scopes/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.properties.scopes.additionalProperties.type,parentSchema:schema39.properties.scopes.additionalProperties,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/scopes",schemaPath:"#/properties/scopes/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema39.properties.scopes.type,parentSchema:schema39.properties.scopes,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema39.type,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
validate26.errors = vErrors;
return errors === 0;
}
validate26.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const secretDelivery = validate27;
const schema40 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://clientsync.invalid/schemas/secret-delivery.schema.json","title":"clientsync secret delivery targets (--secret-delivery FILE)","description":"Where new and rotated client secrets go. Kept beside the deployment, never in the repository: its commands run with the daemon's identity. See docs/secrets.md.","type":"object","additionalProperties":false,"required":["targets"],"properties":{"targets":{"description":"The delivery targets; each new secret goes to every one of them, at least once.","type":"array","minItems":1,"items":{"$ref":"#/$defs/target"}}},"$defs":{"target":{"description":"One target: either a command (run as an argument vector, never through a shell) or a directory.","type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"description":"Unique name of the target, shown in logs, metrics and /status and kept in Keycloak while a delivery is owed: lower-case letters, digits, '-' and '_'.","type":"string","pattern":"^[a-z0-9][a-z0-9_-]{0,62}$"},"command":{"description":"The program and its arguments. {accountId}, {clientId} and {reason} are replaced in each item. Exit code 0 means delivered.","type":"array","items":{"type":"string","maxLength":4096}},"stdin":{"description":"What the command reads on standard input: secret (the bare secret, no newline; default) or json (one document: accountId, clientId, realm, reason, secret, revision, at).","enum":["secret","json"]},"timeoutSeconds":{"description":"The command is killed (with its process group) after this many seconds; default 30.","type":"integer","minimum":1,"maximum":3600},"env":{"description":"Names of the environment variables passed on to the command, besides PATH and HOME (nothing else is).","type":"array","uniqueItems":true,"items":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$"}},"directory":{"description":"An absolute directory that receives <clientId>.json (mode 0600); the directory must be 0700 and owned by the daemon's user (it is created so when missing).","type":"string","minLength":1}}}}};
const schema41 = {"description":"One target: either a command (run as an argument vector, never through a shell) or a directory.","type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"description":"Unique name of the target, shown in logs, metrics and /status and kept in Keycloak while a delivery is owed: lower-case letters, digits, '-' and '_'.","type":"string","pattern":"^[a-z0-9][a-z0-9_-]{0,62}$"},"command":{"description":"The program and its arguments. {accountId}, {clientId} and {reason} are replaced in each item. Exit code 0 means delivered.","type":"array","items":{"type":"string","maxLength":4096}},"stdin":{"description":"What the command reads on standard input: secret (the bare secret, no newline; default) or json (one document: accountId, clientId, realm, reason, secret, revision, at).","enum":["secret","json"]},"timeoutSeconds":{"description":"The command is killed (with its process group) after this many seconds; default 30.","type":"integer","minimum":1,"maximum":3600},"env":{"description":"Names of the environment variables passed on to the command, besides PATH and HOME (nothing else is).","type":"array","uniqueItems":true,"items":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$"}},"directory":{"description":"An absolute directory that receives <clientId>.json (mode 0600); the directory must be 0700 and owned by the daemon's user (it is created so when missing).","type":"string","minLength":1}}};
const pattern4 = new RegExp("^[a-z0-9][a-z0-9_-]{0,62}$", "u");
const pattern5 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*$", "u");

function validate27(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://clientsync.invalid/schemas/secret-delivery.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate27.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.targets === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "targets"},message:"must have required property '"+"targets"+"'",schema:schema40.required,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(key0 === "targets")){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.targets !== undefined){
let data0 = data.targets;
if(Array.isArray(data0)){
if(data0.length < 1){
const err2 = {instancePath:instancePath+"/targets",schemaPath:"#/properties/targets/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema40.properties.targets,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.name === undefined){
const err3 = {instancePath:instancePath+"/targets/" + i0,schemaPath:"#/$defs/target/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema41.required,parentSchema:schema41,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key1 in data1){
if(!((((((key1 === "name") || (key1 === "command")) || (key1 === "stdin")) || (key1 === "timeoutSeconds")) || (key1 === "env")) || (key1 === "directory"))){
const err4 = {instancePath:instancePath+"/targets/" + i0,schemaPath:"#/$defs/target/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema41,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data1.name !== undefined){
let data2 = data1.name;
if(typeof data2 === "string"){
if(!pattern4.test(data2)){
const err5 = {instancePath:instancePath+"/targets/" + i0+"/name",schemaPath:"#/$defs/target/properties/name/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9_-]{0,62}$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9_-]{0,62}$"+"\"",schema:"^[a-z0-9][a-z0-9_-]{0,62}$",parentSchema:schema41.properties.name,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/targets/" + i0+"/name",schemaPath:"#/$defs/target/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.name.type,parentSchema:schema41.properties.name,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data1.command !== undefined){
let data3 = data1.command;
if(Array.isArray(data3)){
const len1 = data3.length;
for(let i1=0; i1<len1; i1++){
let data4 = data3[i1];
if(typeof data4 === "string"){
if(func2(data4) > 4096){
const err7 = {instancePath:instancePath+"/targets/" + i0+"/command/" + i1,schemaPath:"#/$defs/target/properties/command/items/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema41.properties.command.items,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/targets/" + i0+"/command/" + i1,schemaPath:"#/$defs/target/properties/command/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.command.items.type,parentSchema:schema41.properties.command.items,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath:instancePath+"/targets/" + i0+"/command",schemaPath:"#/$defs/target/properties/command/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.properties.command.type,parentSchema:schema41.properties.command,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data1.stdin !== undefined){
let data5 = data1.stdin;
if(!((data5 === "secret") || (data5 === "json"))){
const err10 = {instancePath:instancePath+"/targets/" + i0+"/stdin",schemaPath:"#/$defs/target/properties/stdin/enum",keyword:"enum",params:{allowedValues: schema41.properties.stdin.enum},message:"must be equal to one of the allowed values",schema:schema41.properties.stdin.enum,parentSchema:schema41.properties.stdin,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data1.timeoutSeconds !== undefined){
let data6 = data1.timeoutSeconds;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err11 = {instancePath:instancePath+"/targets/" + i0+"/timeoutSeconds",schemaPath:"#/$defs/target/properties/timeoutSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema41.properties.timeoutSeconds.type,parentSchema:schema41.properties.timeoutSeconds,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 > 3600 || isNaN(data6)){
const err12 = {instancePath:instancePath+"/targets/" + i0+"/timeoutSeconds",schemaPath:"#/$defs/target/properties/timeoutSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3600},message:"must be <= 3600",schema:3600,parentSchema:schema41.properties.timeoutSeconds,data:data6};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data6 < 1 || isNaN(data6)){
const err13 = {instancePath:instancePath+"/targets/" + i0+"/timeoutSeconds",schemaPath:"#/$defs/target/properties/timeoutSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema41.properties.timeoutSeconds,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
if(data1.env !== undefined){
let data7 = data1.env;
if(Array.isArray(data7)){
const len2 = data7.length;
for(let i2=0; i2<len2; i2++){
let data8 = data7[i2];
if(typeof data8 === "string"){
if(!pattern5.test(data8)){
const err14 = {instancePath:instancePath+"/targets/" + i0+"/env/" + i2,schemaPath:"#/$defs/target/properties/env/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema41.properties.env.items,data:data8};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/targets/" + i0+"/env/" + i2,schemaPath:"#/$defs/target/properties/env/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.env.items.type,parentSchema:schema41.properties.env.items,data:data8};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
let i3 = data7.length;
let j0;
if(i3 > 1){
const indices0 = {};
for(;i3--;){
let item0 = data7[i3];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err16 = {instancePath:instancePath+"/targets/" + i0+"/env",schemaPath:"#/$defs/target/properties/env/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i3+" are identical)",schema:true,parentSchema:schema41.properties.env,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
break;
}
indices0[item0] = i3;
}
}
}
else {
const err17 = {instancePath:instancePath+"/targets/" + i0+"/env",schemaPath:"#/$defs/target/properties/env/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.properties.env.type,parentSchema:schema41.properties.env,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data1.directory !== undefined){
let data9 = data1.directory;
if(typeof data9 === "string"){
if(func2(data9) < 1){
const err18 = {instancePath:instancePath+"/targets/" + i0+"/directory",schemaPath:"#/$defs/target/properties/directory/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41.properties.directory,data:data9};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/targets/" + i0+"/directory",schemaPath:"#/$defs/target/properties/directory/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.directory.type,parentSchema:schema41.properties.directory,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/targets/" + i0,schemaPath:"#/$defs/target/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.type,parentSchema:schema41,data:data1};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/targets",schemaPath:"#/properties/targets/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema40.properties.targets.type,parentSchema:schema40.properties.targets,data:data0};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema40.type,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
validate27.errors = vErrors;
return errors === 0;
}
validate27.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

