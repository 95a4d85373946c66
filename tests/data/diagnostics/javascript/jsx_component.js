import React from 'react';

export default function Hello({ name }) {
  return <div className="hello">Hello, {name}</div>;
}
