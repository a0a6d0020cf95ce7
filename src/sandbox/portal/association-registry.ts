import { HubSpotError, notFound, validationError } from '../errors.js';
import { DEFAULT_ASSOCIATION_TYPES, type AssociationTypeDef } from './association-types.js';

/**
 * Association types of one portal: HubSpot's defaults plus labels created
 * through the v4 labels API and default types for custom object pairs.
 */
export class AssociationTypeRegistry {
  private readonly byId = new Map<number, AssociationTypeDef>();
  private readonly byPair = new Map<string, AssociationTypeDef[]>();
  private nextTypeId = 1001;

  constructor() {
    for (const d of DEFAULT_ASSOCIATION_TYPES) this.register(d);
  }

  private register(d: AssociationTypeDef): void {
    this.byId.set(d.typeId, d);
    const key = `${d.fromType}|${d.toType}`;
    const list = this.byPair.get(key);
    if (list) list.push(d);
    else this.byPair.set(key, [d]);
  }

  private unregister(d: AssociationTypeDef): void {
    this.byId.delete(d.typeId);
    const key = `${d.fromType}|${d.toType}`;
    this.byPair.set(
      key,
      (this.byPair.get(key) ?? []).filter((x) => x.typeId !== d.typeId),
    );
  }

  get(typeId: number): AssociationTypeDef | undefined {
    return this.byId.get(typeId);
  }

  forPair(fromType: string, toType: string): AssociationTypeDef[] {
    return this.byPair.get(`${fromType}|${toType}`) ?? [];
  }

  /** The unlabeled type HubSpot uses for "default" associations. */
  defaultFor(fromType: string, toType: string): AssociationTypeDef {
    const d = this.forPair(fromType, toType).find((t) => t.label === null);
    if (!d)
      throw validationError(`No default association type exists between ${fromType} and ${toType}`);
    return d;
  }

  /** Types for a pair involving a custom object, created on first use. */
  ensurePair(fromType: string, toType: string): void {
    if (this.forPair(fromType, toType).length > 0) return;
    const a = this.nextTypeId++;
    const b = fromType === toType ? a : this.nextTypeId++;
    this.register({
      typeId: a,
      fromType,
      toType,
      category: 'USER_DEFINED',
      label: null,
      inverseTypeId: b,
    });
    if (b !== a)
      this.register({
        typeId: b,
        fromType: toType,
        toType: fromType,
        category: 'USER_DEFINED',
        label: null,
        inverseTypeId: a,
      });
  }

  /** Checks that a type id belongs to the pair; answers the definition. */
  require(fromType: string, toType: string, typeId: number, category?: string): AssociationTypeDef {
    const d = this.byId.get(typeId);
    if (!d || d.fromType !== fromType || d.toType !== toType) {
      throw new HubSpotError(
        400,
        `${typeId} is not a valid association type between ${fromType} and ${toType}`,
        {
          category: 'VALIDATION_ERROR',
          context: { associationTypeId: [String(typeId)] },
        },
      );
    }
    if (category !== undefined && category !== d.category) {
      throw validationError(
        `association type ${typeId} has category ${d.category}, not ${category}`,
      );
    }
    return d;
  }

  createLabel(
    fromType: string,
    toType: string,
    label: string,
    inverseLabel?: string,
  ): AssociationTypeDef[] {
    this.ensurePair(fromType, toType);
    const taken = this.forPair(fromType, toType).some((t) => t.label === label);
    if (taken)
      throw new HubSpotError(409, `The label ${label} already exists`, { category: 'CONFLICT' });
    const a = this.nextTypeId++;
    const b = this.nextTypeId++;
    const fwd: AssociationTypeDef = {
      typeId: a,
      fromType,
      toType,
      category: 'USER_DEFINED',
      label,
      inverseTypeId: b,
    };
    const back: AssociationTypeDef = {
      typeId: b,
      fromType: toType,
      toType: fromType,
      category: 'USER_DEFINED',
      label: inverseLabel ?? label,
      inverseTypeId: a,
    };
    this.register(fwd);
    this.register(back);
    return inverseLabel !== undefined ? [fwd, back] : [fwd];
  }

  updateLabel(
    fromType: string,
    toType: string,
    typeId: number,
    label: string,
    inverseLabel?: string,
  ): void {
    const d = this.userLabel(fromType, toType, typeId);
    d.label = label;
    const inv = this.byId.get(d.inverseTypeId);
    if (inv && inverseLabel !== undefined) inv.label = inverseLabel;
  }

  deleteLabel(fromType: string, toType: string, typeId: number): AssociationTypeDef {
    const d = this.userLabel(fromType, toType, typeId);
    this.unregister(d);
    const inv = this.byId.get(d.inverseTypeId);
    if (inv && inv !== d) this.unregister(inv);
    return d;
  }

  private userLabel(fromType: string, toType: string, typeId: number): AssociationTypeDef {
    const d = this.byId.get(typeId);
    if (!d || d.fromType !== fromType || d.toType !== toType)
      throw notFound(`association type ${typeId} not found`);
    if (d.category !== 'USER_DEFINED' || d.label === null) {
      throw validationError(
        `association type ${typeId} is not a custom label and cannot be changed`,
      );
    }
    return d;
  }
}
